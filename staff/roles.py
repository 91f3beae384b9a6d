"""Staff roles (groups) and the permissions each one carries.

Views check permissions, never group names: ``EDIT_AGREEMENTS`` for stage changes,
``EDIT_MILESTONES`` for completing/snoozing, ``REVIEW_ARTICLES`` for article review.
"""
VIEWER, EDITOR, ADMINISTRATOR = "viewer", "editor", "administrator"

EDIT_AGREEMENTS = "partnerships.change_agreement"
EDIT_MILESTONES = "partnerships.change_milestone"
REVIEW_ARTICLES = "meetings.change_sourcearticle"

DOMAIN_APPS = ("partnerships", "meetings", "staff", "reminders")
# app_label, codename added to the viewer's "view_*" permissions for editors
EDITOR_EXTRA = [
    ("partnerships", "change_agreement"),
    ("partnerships", "add_stagechange"),
    ("partnerships", "change_milestone"),
    ("meetings", "change_sourcearticle"),
    ("meetings", "change_meeting"),
    ("meetings", "add_meeting"),
    ("meetings", "add_participation"),
    ("meetings", "change_participation"),
]


def sync_role_groups(apps=None):
    """Create or refresh the three groups. Idempotent; usable from data migrations
    (pass their ``apps``) and from management commands (no argument)."""
    from django.contrib.auth.management import create_permissions

    if apps is None:
        from django.apps import apps
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    # Permissions are normally created after all migrations (post_migrate); make sure they exist now.
    for app_config in apps.get_app_configs():
        original = getattr(app_config, "models_module", None)
        app_config.models_module = original or True  # migration state apps have none
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = original

    domain = Permission.objects.filter(content_type__app_label__in=DOMAIN_APPS).select_related("content_type")
    viewer, _ = Group.objects.get_or_create(name=VIEWER)
    viewer.permissions.set(domain.filter(codename__startswith="view_"))

    editor, _ = Group.objects.get_or_create(name=EDITOR)
    wanted = set(EDITOR_EXTRA)
    extra = [p for p in domain if (p.content_type.app_label, p.codename) in wanted]
    editor.permissions.set(list(domain.filter(codename__startswith="view_")) + extra)

    administrator, _ = Group.objects.get_or_create(name=ADMINISTRATOR)
    auth_perms = Permission.objects.filter(content_type__app_label="auth")
    administrator.permissions.set(list(domain) + list(auth_perms))
