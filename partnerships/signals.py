"""Keep the derived Partnership.last_activity_on in step with what it is derived from:
meeting dates, which partnerships a meeting is about, the articles about a meeting (and their
publication dates), stage changes and established_on. Signals only rebuild derived data here;
the recompute itself is services.partnerships_refresh_activity. Bulk writes (bulk_create,
QuerySet.update) send no signals: callers of those run the service themselves (seed_scale)."""
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from meetings.models import Meeting, SourceArticle
from partnerships.models import Agreement, Partnership, StageChange
from partnerships.services import partnerships_refresh_activity

MeetingPartnerships = Meeting.partnerships.through
MeetingArticles = Meeting.articles.through


def _refresh(ids):
    ids = set(ids)
    if ids:
        partnerships_refresh_activity(partnership_ids=ids)


def _of_meetings(meeting_ids):
    return MeetingPartnerships.objects.filter(meeting_id__in=list(meeting_ids)).values_list("partnership_id",
                                                                                            flat=True)


def _of_articles(article_ids):
    return MeetingPartnerships.objects.filter(
        meeting_id__in=MeetingArticles.objects.filter(sourcearticle_id__in=list(article_ids)).values("meeting_id")
    ).values_list("partnership_id", flat=True)


def _touches(update_fields, field):
    return update_fields is None or field in update_fields


def partnership_saved(sender, instance, created, raw, update_fields, **kwargs):
    if not raw and _touches(update_fields, "established_on"):
        _refresh([instance.pk])


def stage_change_saved(sender, instance, raw, **kwargs):
    if not raw:
        _refresh(Agreement.objects.filter(pk=instance.agreement_id).values_list("partnership_id", flat=True))


def stage_change_deleted(sender, instance, **kwargs):
    # On an agreement's cascade the stage changes go first, so the agreement row is still there.
    _refresh(Agreement.objects.filter(pk=instance.agreement_id).values_list("partnership_id", flat=True))


def meeting_saved(sender, instance, created, raw, update_fields, **kwargs):
    # A new meeting has no partnerships yet: the m2m_changed below covers it.
    if not raw and not created and _touches(update_fields, "date"):
        _refresh(_of_meetings([instance.pk]))


def meeting_deleting(sender, instance, **kwargs):
    # The m2m rows are gone by post_delete: remember whom the meeting was about.
    instance._activity_partnership_ids = list(_of_meetings([instance.pk]))


def meeting_deleted(sender, instance, **kwargs):
    _refresh(getattr(instance, "_activity_partnership_ids", ()))


def meeting_partnerships_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if reverse:  # partnership.meetings.add/remove/clear(...)
        if action in ("post_add", "post_remove", "post_clear"):
            _refresh([instance.pk])
    elif action == "pre_clear":
        instance._activity_partnership_ids = list(_of_meetings([instance.pk]))
    elif action in ("post_add", "post_remove"):
        _refresh(pk_set)
    elif action == "post_clear":
        _refresh(getattr(instance, "_activity_partnership_ids", ()))


def meeting_articles_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not reverse:  # meeting.articles.add/remove/clear(...)
        if action in ("post_add", "post_remove", "post_clear"):
            _refresh(_of_meetings([instance.pk]))
    elif action == "pre_clear":
        instance._activity_partnership_ids = list(_of_articles([instance.pk]))
    elif action in ("post_add", "post_remove"):
        _refresh(_of_meetings(pk_set))
    elif action == "post_clear":
        _refresh(getattr(instance, "_activity_partnership_ids", ()))


def article_saved(sender, instance, created, raw, update_fields, **kwargs):
    # A new article is about no meeting yet: the m2m_changed above covers it.
    if not raw and not created and _touches(update_fields, "published_on"):
        _refresh(_of_articles([instance.pk]))


def article_deleting(sender, instance, **kwargs):
    instance._activity_partnership_ids = list(_of_articles([instance.pk]))


def article_deleted(sender, instance, **kwargs):
    _refresh(getattr(instance, "_activity_partnership_ids", ()))


def connect():
    uid = "partnerships.last_activity"
    post_save.connect(partnership_saved, sender=Partnership, dispatch_uid=f"{uid}.partnership_saved")
    post_save.connect(stage_change_saved, sender=StageChange, dispatch_uid=f"{uid}.stage_change_saved")
    post_delete.connect(stage_change_deleted, sender=StageChange, dispatch_uid=f"{uid}.stage_change_deleted")
    post_save.connect(meeting_saved, sender=Meeting, dispatch_uid=f"{uid}.meeting_saved")
    pre_delete.connect(meeting_deleting, sender=Meeting, dispatch_uid=f"{uid}.meeting_deleting")
    post_delete.connect(meeting_deleted, sender=Meeting, dispatch_uid=f"{uid}.meeting_deleted")
    m2m_changed.connect(meeting_partnerships_changed, sender=MeetingPartnerships,
                        dispatch_uid=f"{uid}.meeting_partnerships_changed")
    m2m_changed.connect(meeting_articles_changed, sender=MeetingArticles,
                        dispatch_uid=f"{uid}.meeting_articles_changed")
    post_save.connect(article_saved, sender=SourceArticle, dispatch_uid=f"{uid}.article_saved")
    pre_delete.connect(article_deleting, sender=SourceArticle, dispatch_uid=f"{uid}.article_deleting")
    post_delete.connect(article_deleted, sender=SourceArticle, dispatch_uid=f"{uid}.article_deleted")
