"""Vietnamese first: the language is the one chosen with the switch (the set_language cookie),
else LANGUAGE_CODE ("vi"). The browser's Accept-Language is deliberately ignored: many office
PCs in Hanoi run an English Windows, and staff should not land on an English page by accident."""
from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class SwitchOnlyLocaleMiddleware(LocaleMiddleware):
    def process_request(self, request):
        code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if code not in dict(settings.LANGUAGES):
            code = settings.LANGUAGE_CODE
        translation.activate(code)
        request.LANGUAGE_CODE = translation.get_language()
