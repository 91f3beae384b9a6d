"""Forms for adding an article and reviewing its draft.

The review page shows one MeetingReviewForm per meeting the draft found (a formset), each with a
participants formset and a stage-changes formset. Choices (localities, partnerships, agreements,
areas) are loaded once per request into a ReviewChoices and shared by every form, so the page's
query count does not grow with the number of meetings or rows.
"""
from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from meetings.ingestion import MeetingSpec, NewLocalitySpec, ParticipantSpec, StageChangeSpec
from meetings.models import Meeting, Participation
from partnerships.models import Agreement, CooperationArea, Locality, Partnership


class ArticleAddForm(forms.Form):
    text = forms.CharField(label=_("Paste the article"), required=False, strip=False,
                           widget=forms.Textarea(attrs={"rows": 14}),
                           help_text=_("The whole page as copied from the browser is fine: menus and comments "
                                       "are removed."))
    upload = forms.FileField(label=_("or upload a file"), required=False,
                             help_text=_("A .txt or .html file saved from the newspaper's site."),
                             widget=forms.ClearableFileInput(attrs={"accept": ".txt,.text,.htm,.html"}))
    url = forms.URLField(label=_("Address (URL)"), required=False, max_length=2000, assume_scheme="https",
                         help_text=_("Alone, the page is fetched from this address; with pasted text or a file, "
                                     "it only records where the article comes from."))
    published = forms.DateField(label=_("Published on"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # NUL bytes are refused by article_ingest with a message about binary input, clearer than
        # Django's generic "Null characters are not allowed".
        self.fields["text"].validators = []

    def clean_url(self):
        url = self.cleaned_data.get("url", "")
        if url and not url.lower().startswith(("http://", "https://")):
            raise ValidationError(_("Only http and https addresses can be fetched."), code="scheme")
        return url

    def clean(self):
        data = super().clean()
        text = data.get("text") or ""
        if text and not text.strip():
            data["text"] = text = ""
        given = [bool(text), bool(data.get("upload")), bool(data.get("url"))]
        if "url" in self.errors:
            return data
        if not any(given):
            raise ValidationError(_("Paste the article, upload a file or give its address."), code="empty")
        if text and data.get("upload"):
            raise ValidationError(_("Give the article one way only: paste it, upload a file or give its address."),
                                  code="several_inputs")
        return data


class ReviewChoices:
    """Everything the review forms choose from, read once."""

    def __init__(self):
        self.localities = {loc.pk: loc for loc in Locality.objects.only(
            "id", "name_en", "name_vi", "country", "kind", "is_hanoi_side").order_by("name_en")}
        self.partnerships = {p.pk: p for p in Partnership.objects.select_related(
            "hanoi_locality", "partner_locality").order_by("partner_locality__name_en", "id")}
        self.agreements = {a.pk: a for a in Agreement.objects.only(
            "id", "title", "kind", "stage", "stage_changed_on", "partnership_id").order_by("title", "id")}
        self.areas = {a.slug: a for a in CooperationArea.objects.order_by("name_en")}
        self.by_name = {}
        for loc in self.localities.values():
            self.by_name.setdefault((str(loc.country), loc.name_en.casefold()), loc)
        self.hanoi = next((loc for loc in self.localities.values() if loc.is_hanoi_side
                           and loc.kind == Locality.Kind.CAPITAL and str(loc.country) == "VN"), None)

    def locality_choices(self, *, partner_only=False):
        return [(str(loc.pk), str(loc)) for loc in self.localities.values()
                if not (partner_only and loc.is_hanoi_side)]

    def partnership_choices(self):
        return [(str(p.pk), f"{p} · {p.get_status_display()}") for p in self.partnerships.values()]

    def agreement_choices(self):
        return [(str(a.pk), f"{a.title} · {a.get_stage_display()}") for a in self.agreements.values()]

    def area_choices(self):
        return [(slug, str(area)) for slug, area in self.areas.items()]

    def match_locality(self, entry):
        """The DB locality of a draft's partner-locality entry, if there is one."""
        if entry.get("id") and entry["id"] in self.localities:
            return self.localities[entry["id"]]
        name = (entry.get("name_en") or entry.get("name") or "").casefold()
        return self.by_name.get((str(entry.get("country") or ""), name))


def _ids(values, table, field_label):
    objects = []
    for value in values or []:
        try:
            objects.append(table[int(value)])
        except (KeyError, ValueError, TypeError):
            raise ValidationError(_("Choose a valid %(field)s.") % {"field": field_label}, code="invalid_choice")
    return objects


class MeetingReviewForm(forms.Form):
    """One meeting as the reviewer accepts, corrects or drops it."""

    title = forms.CharField(label=_("Title"), max_length=300)
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    date_precision = forms.ChoiceField(label=_("Date precision"), choices=Meeting.DatePrecision.choices,
                                       initial=Meeting.DatePrecision.DAY)
    part_of_day = forms.ChoiceField(label=_("Part of day"), choices=Meeting.PartOfDay.choices, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=Meeting.Kind.choices)
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    locality = forms.ChoiceField(label=_("Held in"), required=False)
    partner_localities = forms.MultipleChoiceField(label=_("Partner localities"), required=False,
                                                   widget=forms.CheckboxSelectMultiple)
    new_localities = forms.MultipleChoiceField(
        label=_("Create these localities"), required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("Places the article names that are not in the list yet. Each is created with a new "
                    "“exploring” partnership unless Hanoi already has one with it."))
    new_locality_country = forms.ChoiceField(label=_("Country of the new localities"), required=False)
    partnerships = forms.MultipleChoiceField(label=_("Partnerships"), required=False,
                                             widget=forms.CheckboxSelectMultiple)
    agreements = forms.MultipleChoiceField(label=_("Agreements"), required=False, widget=forms.CheckboxSelectMultiple)
    areas = forms.MultipleChoiceField(label=_("Areas of cooperation"), required=False,
                                      widget=forms.CheckboxSelectMultiple)
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    outcomes = forms.CharField(label=_("Outcomes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    # field name -> key of the draft's evidence shown beside it
    EVIDENCE_KEYS = {
        "title": "title", "date": "event_date", "date_precision": "event_date", "part_of_day": "event_date",
        "kind": "event_kind", "partner_localities": "partner_localities", "new_localities": "partner_localities",
        "new_locality_country": "partner_country", "partnerships": "partner_localities", "agreements": "agreements",
        "areas": "areas",
    }

    def __init__(self, *args, choices: ReviewChoices, evidence=None, new_locality_candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.choices = choices
        self.evidence = evidence or {}
        self.new_locality_candidates = new_locality_candidates or []
        self.fields["locality"].choices = [("", "—")] + choices.locality_choices()
        self.fields["partner_localities"].choices = choices.locality_choices(partner_only=True)
        self.fields["new_localities"].choices = [
            (str(i), f"{c['name']} ({c['country'] or '?'})") for i, c in enumerate(self.new_locality_candidates)]
        self.fields["new_locality_country"].choices = [("", "—")] + list(countries)
        self.fields["partnerships"].choices = choices.partnership_choices()
        self.fields["agreements"].choices = choices.agreement_choices()
        self.fields["areas"].choices = choices.area_choices()
        if not self.new_locality_candidates:
            for name in ("new_localities", "new_locality_country"):
                self.fields[name].widget = forms.MultipleHiddenInput() if name == "new_localities" \
                    else forms.HiddenInput()

    def rows(self):
        """(bound field, evidence sentence) pairs, in order, for the template."""
        return [(self[name], self.evidence.get(key, "") if (key := self.EVIDENCE_KEYS.get(name)) else "")
                for name in self.fields]

    def clean(self):
        data = super().clean()
        day, precision = data.get("date"), data.get("date_precision")
        if day and precision == Meeting.DatePrecision.MONTH:
            data["date"] = day.replace(day=1)
        elif day and precision == Meeting.DatePrecision.YEAR:
            data["date"] = day.replace(month=1, day=1)
        new = []
        for value in data.get("new_localities") or []:
            candidate = self.new_locality_candidates[int(value)]
            country = candidate.get("country") or data.get("new_locality_country")
            if not country:
                self.add_error("new_locality_country", _("Give the country of the new localities."))
                break
            new.append(NewLocalitySpec(name=candidate["name"], name_vi=candidate.get("name_vi", ""),
                                       country=country, kind=candidate.get("kind") or Locality.Kind.CITY))
        data["new_locality_specs"] = new
        return data

    def to_spec(self, *, participants, stage_changes):
        data, choices = self.cleaned_data, self.choices
        locality = choices.localities.get(int(data["locality"])) if data.get("locality") else None
        return MeetingSpec(
            title=data["title"], date=data["date"], date_precision=data["date_precision"],
            part_of_day=data.get("part_of_day") or "", kind=data["kind"], place=data.get("place", ""),
            locality=locality,
            partner_localities=_ids(data.get("partner_localities"), choices.localities, _("locality")),
            new_localities=data["new_locality_specs"],
            partnerships=_ids(data.get("partnerships"), choices.partnerships, _("partnership")),
            agreements=_ids(data.get("agreements"), choices.agreements, _("agreement")),
            areas=[choices.areas[slug] for slug in data.get("areas") or []],
            summary=data.get("summary", ""), outcomes=data.get("outcomes", ""),
            participants=participants, stage_changes=stage_changes,
        )


class ParticipantForm(forms.Form):
    keep = forms.BooleanField(label=_("Keep"), required=False, initial=True)
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    title = forms.CharField(label=_("Title as written"), max_length=300, required=False)
    side = forms.ChoiceField(label=_("Side"), choices=Participation.Side.choices, initial=Participation.Side.HANOI)
    role = forms.ChoiceField(label=_("Role"), choices=Participation.Role.choices,
                             initial=Participation.Role.ATTENDEE)

    def __init__(self, *args, **kwargs):
        kwargs.pop("choices", None)
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        if data.get("keep") and not (data.get("name") or "").strip() and (data.get("title") or "").strip():
            self.add_error("name", _("Give the person's name, or untick “Keep”."))
        return data

    def to_spec(self):
        data = self.cleaned_data
        if not data.get("keep") or not (data.get("name") or "").strip():
            return None
        return ParticipantSpec(name=data["name"].strip(), title=(data.get("title") or "").strip(),
                               side=data["side"], role=data["role"])


class StageChangeForm(forms.Form):
    agreement = forms.ChoiceField(label=_("Agreement"), required=False)
    to_stage = forms.ChoiceField(label=_("New stage"), required=False,
                                 choices=[("", _("No change"))] + list(Agreement.Stage.choices))
    on = forms.DateField(label=_("On"), required=False,
                         widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    mentioned = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, choices: ReviewChoices, **kwargs):
        super().__init__(*args, **kwargs)
        self.choices = choices
        self.fields["agreement"].choices = [("", "—")] + choices.agreement_choices()

    def clean(self):
        data = super().clean()
        if data.get("to_stage"):
            if not data.get("agreement"):
                self.add_error("agreement", _("Choose the agreement whose stage changes."))
            if not data.get("on"):
                self.add_error("on", _("Give the date of the stage change."))
        return data

    def to_spec(self):
        data = self.cleaned_data
        if not data.get("to_stage") or not data.get("agreement"):
            return None
        return StageChangeSpec(agreement=self.choices.agreements[int(data["agreement"])], to_stage=data["to_stage"],
                               on=data["on"])


class ChoicesFormSet(forms.BaseFormSet):
    def __init__(self, *args, choices=None, form_extras=None, **kwargs):
        self.choices = choices
        self.form_extras = form_extras or []
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        kwargs = {"choices": self.choices}
        if index is not None and index < len(self.form_extras):
            kwargs.update(self.form_extras[index])
        return kwargs


MeetingFormSet = forms.formset_factory(MeetingReviewForm, formset=ChoicesFormSet, extra=0, can_delete=True,
                                       max_num=20, validate_max=True)
ParticipantFormSet = forms.formset_factory(ParticipantForm, formset=ChoicesFormSet, extra=2, max_num=60)
StageChangeFormSet = forms.formset_factory(StageChangeForm, formset=ChoicesFormSet, extra=1, max_num=20)


# ---------------------------------------------------------------- initial values from the draft

def _kind(value):
    return value if value in Meeting.Kind.values else Meeting.Kind.OTHER


def _segments(draft):
    segments = list(draft.get("segments") or [])
    if not segments:
        segments = [{"text": draft.get("clean_text", ""), "event_date": draft.get("event_date"),
                     "date_precision": draft.get("date_precision"), "part_of_day": draft.get("part_of_day"),
                     "event_kind": draft.get("event_kind"), "hanoi_officials": draft.get("hanoi_officials") or [],
                     "foreign_officials": draft.get("foreign_officials") or [], "evidence": {}}]
    return segments


def _first_sentence(text, limit=200):
    line = (text or "").strip().split("\n", 1)[0]
    return line if len(line) <= limit else line[:limit].rsplit(" ", 1)[0] + "…"


def review_initial(article, choices: ReviewChoices):
    """Per draft segment: the meeting form's initial data and extras, its participants' initial
    rows and its stage changes' initial rows."""
    draft = article.draft or {}
    evidence_all = draft.get("evidence") or {}
    entries = draft.get("partner_locality_entries")
    if entries is None:  # a draft with only the CLI keys: names
        entries = [{"name_en": name, "name": name} for name in draft.get("partner_localities") or []]
    matched, candidates = [], []
    for entry in entries:
        locality = choices.match_locality(entry)
        if locality is not None:
            matched.append(locality)
        else:
            name = entry.get("name_en") or entry.get("name") or ""
            if name:
                candidates.append({"name": name, "name_vi": entry.get("name_vi", ""),
                                   "country": entry.get("country") or "", "kind": entry.get("kind") or "city"})
    known = {c["name"].casefold() for c in candidates} | {loc.name_en.casefold() for loc in matched}
    for proposed in draft.get("proposed_localities") or []:
        if proposed.get("name") and proposed["name"].casefold() not in known:
            known.add(proposed["name"].casefold())
            candidates.append({"name": proposed["name"], "name_vi": "", "country": "",
                               "kind": proposed.get("kind") if proposed.get("kind") in Locality.Kind.values
                               else "city"})
    matched_ids = {loc.pk for loc in matched}
    partnerships = [p for p in choices.partnerships.values() if p.partner_locality_id in matched_ids]
    partnership_ids = {p.pk for p in partnerships}
    mentioned_kinds = {a.get("kind") for a in draft.get("agreements") or []}
    agreements = [a for a in choices.agreements.values()
                  if a.partnership_id in partnership_ids and a.kind in mentioned_kinds]
    areas = [slug for slug in draft.get("areas") or [] if slug in choices.areas]
    today = timezone.localdate()

    meetings, participants, stage_rows = [], [], []
    for index, segment in enumerate(_segments(draft)):
        evidence = {**(evidence_all if index == 0 else {}), **(segment.get("evidence") or {})}
        kind = _kind(segment.get("event_kind") or (draft.get("event_kind") if index == 0 else None))
        held_in = None
        if kind == Meeting.Kind.RECEPTION and choices.hanoi:
            held_in = choices.hanoi.pk
        elif kind == Meeting.Kind.VISIT_ABROAD and matched:
            held_in = matched[0].pk
        event_date = segment.get("event_date")
        precision = segment.get("date_precision")
        initial = {
            "title": (article.title if index == 0 else _first_sentence(segment.get("text")))[:300],
            "date": datetime.date.fromisoformat(event_date) if event_date else None,
            "date_precision": precision if precision in Meeting.DatePrecision.values else Meeting.DatePrecision.DAY,
            "part_of_day": segment.get("part_of_day") or "",
            "kind": kind,
            "locality": str(held_in) if held_in else "",
            "partner_localities": [str(loc.pk) for loc in matched],
            "new_localities": [str(i) for i in range(len(candidates))] if index == 0 else [],
            "new_locality_country": draft.get("partner_country") or "",
            "partnerships": [str(p.pk) for p in partnerships],
            "agreements": [str(a.pk) for a in agreements],
            "areas": areas,
            "summary": _first_sentence(segment.get("text"), limit=600),
        }
        meetings.append((initial, {"evidence": evidence, "new_locality_candidates": candidates}))

        abroad = kind == Meeting.Kind.VISIT_ABROAD
        rows = []
        for side, key in ((Participation.Side.HANOI, "hanoi_officials"),
                          (Participation.Side.PARTNER, "foreign_officials")):
            for position, person in enumerate(segment.get(key) or []):
                if position == 0:
                    role = Participation.Role.GUEST if (side == Participation.Side.HANOI) == abroad \
                        else Participation.Role.HOST
                else:
                    role = Participation.Role.ATTENDEE
                rows.append({"keep": True, "name": person.get("name", ""), "title": person.get("title", ""),
                             "side": side, "role": role})
        participants.append(rows)

        changes = []
        if index == 0:
            for mention in draft.get("agreements_detail") or draft.get("agreements") or []:
                candidates_of_kind = [a for a in choices.agreements.values()
                                      if a.partnership_id in partnership_ids and a.kind == mention.get("kind")]
                agreement = candidates_of_kind[0] if len(candidates_of_kind) == 1 else None
                stage = mention.get("stage")
                to_stage = ""
                if agreement and stage in Agreement.Stage.values and \
                        stage in Agreement.TRANSITIONS[Agreement.Stage(agreement.stage)]:
                    to_stage = stage
                on = initial["date"] if initial["date"] and initial["date"] <= today else today
                label = Agreement.Kind(mention["kind"]).label if mention.get("kind") in Agreement.Kind.values \
                    else mention.get("kind", "")
                stage_label = Agreement.Stage(stage).label if stage in Agreement.Stage.values else stage
                changes.append({"agreement": str(agreement.pk) if agreement else "", "to_stage": to_stage,
                                "on": on, "mentioned": f"{label} — {stage_label}",
                                "sentence": mention.get("sentence") or evidence_all.get("agreements", "")})
        stage_rows.append(changes)
    return meetings, participants, stage_rows
