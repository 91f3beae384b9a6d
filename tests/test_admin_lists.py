"""The admin changelists' speed settings keep their filters working."""
import pytest
from django.urls import reverse

from partnerships.admin import MilestoneOwnerFilter
from tests.factories import MilestoneFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(client):
    user = UserFactory(username="admin", is_superuser=True, is_staff=True)
    client.force_login(user)
    return user


def titles(response):
    return {m.title for m in response.context["cl"].result_list}


def test_milestone_owner_filter_keeps_its_url_and_lists_few_owners(client, superuser):
    other = UserFactory(username="someone-else")
    MilestoneFactory(title="mine", owner=superuser)
    MilestoneFactory(title="theirs", owner=other)
    MilestoneFactory(title="nobody's", owner=None)
    url = reverse("admin:partnerships_milestone_changelist")
    assert titles(client.get(url)) == {"mine", "theirs", "nobody's"}
    response = client.get(f"{url}?owner__id__exact={other.pk}")
    assert titles(response) == {"theirs"} and "someone-else" in response.content.decode()
    assert titles(client.get(f"{url}?owner__id__exact={superuser.pk}")) == {"mine"}
    assert titles(client.get(f"{url}?owner__id__exact=none")) == {"nobody's"}
    owner_filter = [f for f in client.get(url).context["cl"].filter_specs if isinstance(f, MilestoneOwnerFilter)][0]
    assert [value for value, _ in owner_filter.lookup_choices] == [str(superuser.pk), "none"]  # not every user


def test_person_country_column(client, superuser):
    PersonFactory(full_name="Somsak", country="LA")
    html = client.get(reverse("admin:meetings_person_changelist")).content.decode()
    assert "Laos" in html or "Lào" in html
