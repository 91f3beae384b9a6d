"""Building the review page's POST data from what the page pre-fills."""
import datetime

from meetings.review_views import ArticleReviewView


def _value(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    if value is None:
        return ""
    return value


def _form_data(form, data):
    for name, field in form.fields.items():
        value = form[name].value()
        key = form.add_prefix(name)
        if isinstance(value, bool):
            if value:
                data[key] = "on"
            continue
        if isinstance(value, (list, tuple)):
            data[key] = [str(v) for v in value]
        else:
            data[key] = _value(value)


def prefilled_post(article):
    """The POST a reviewer sends by accepting every pre-filled value: {"meetings-0-title": …}."""
    formset, nested = ArticleReviewView().build(article)
    data = {}
    _form_data(formset.management_form, data)
    for form, people, stages in nested:
        _form_data(form, data)
        for sub in (people, stages):
            _form_data(sub.management_form, data)
            for row in sub.forms:
                _form_data(row, data)
    data["confirm"] = "1"
    return data
