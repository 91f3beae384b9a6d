"""The viewer, editor and administrator groups from the staff data migration."""
import pytest
from django.contrib.auth.models import Group

from staff.roles import ADMINISTRATOR, EDIT_AGREEMENTS, EDIT_MILESTONES, EDITOR, REVIEW_ARTICLES, VIEWER
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def perms_of(group_name):
    user = UserFactory(username=f"u-{group_name}", is_staff=False)
    user.groups.add(Group.objects.get(name=group_name))
    return user


def test_viewer_reads_only():
    user = perms_of(VIEWER)
    assert user.has_perm("partnerships.view_agreement") and user.has_perm("meetings.view_meeting")
    assert not any(user.has_perm(p) for p in (EDIT_AGREEMENTS, EDIT_MILESTONES, REVIEW_ARTICLES))
    assert not any(p.split(".")[1].startswith(("add_", "change_", "delete_")) for p in user.get_all_permissions())


def test_editor_edits_the_workflow_but_deletes_nothing():
    user = perms_of(EDITOR)
    assert all(user.has_perm(p) for p in (EDIT_AGREEMENTS, EDIT_MILESTONES, REVIEW_ARTICLES))
    assert not any(p.split(".")[1].startswith("delete_") for p in user.get_all_permissions())
    assert not user.has_perm("auth.change_user")


def test_administrator_has_everything_for_the_admin():
    user = perms_of(ADMINISTRATOR)
    assert user.has_perm("partnerships.delete_agreement") and user.has_perm("auth.change_user")
    assert user.has_perm("partnerships.add_agreementdocument")
