"""iCalendar documents for the dashboard: one meeting, or a staff member's private feed
(their milestones and the upcoming meetings). Built with the icalendar library."""
import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

PART_OF_DAY_HOURS = {"morning": (8, 11), "noon": (11, 13), "afternoon": (14, 17), "evening": (18, 21)}


def _domain():
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def new_calendar(name):
    calendar = Calendar()
    calendar.add("prodid", "-//Hanoi partnerships//dashboard//VI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    return calendar


def meeting_event(meeting, *, url):
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@{_domain()}")
    event.add("summary", meeting.title)
    hours = PART_OF_DAY_HOURS.get(meeting.part_of_day)
    if hours and meeting.date_precision == "day":
        tz = timezone.get_default_timezone()
        start = datetime.datetime.combine(meeting.date, datetime.time(hours[0]), tzinfo=tz)
        event.add("dtstart", start)
        event.add("dtend", start.replace(hour=hours[1]))
    else:
        event.add("dtstart", meeting.date)
        event.add("dtend", meeting.date + datetime.timedelta(days=1))
    location = meeting.place or (str(meeting.locality) if meeting.locality_id else "")
    if location:
        event.add("location", location)
    description = "\n\n".join(filter(None, [meeting.summary, meeting.outcomes, url]))
    if description:
        event.add("description", description)
    event.add("url", url)
    event.add("dtstamp", timezone.now())
    return event


def milestone_event(milestone, *, url):
    event = Event()
    event.add("uid", f"milestone-{milestone.pk}@{_domain()}")
    event.add("summary", f"⏰ {milestone.title}")
    event.add("dtstart", milestone.due_on)
    event.add("dtend", milestone.due_on + datetime.timedelta(days=1))
    event.add("transp", "TRANSPARENT")
    subject = milestone.agreement.title if milestone.agreement_id else str(milestone.partnership)
    event.add("description", f"{subject}\n{url}")
    event.add("url", url)
    event.add("dtstamp", timezone.now())
    return event


def to_response_bytes(calendar):
    return calendar.to_ical()
