"""factory_boy factories for the domain; each builds a valid row with the fewest arguments."""
import datetime

import factory
from django.contrib.auth import get_user_model

from meetings.models import Meeting, Participation, Person, SourceArticle
from partnerships.models import Agreement, CooperationArea, Locality, Milestone, Organization, Partnership


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"staff{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@hanoi.example")
    password = factory.django.Password("correct horse battery")
    is_staff = True


class HanoiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Locality
        django_get_or_create = ("country", "name_en")

    name_en = "Hanoi"
    name_vi = "Hà Nội"
    kind = Locality.Kind.CAPITAL
    country = "VN"
    is_hanoi_side = True


class LocalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Locality

    name_en = factory.Sequence(lambda n: f"Partner City {n}")
    name_vi = factory.Sequence(lambda n: f"Thành phố Đối tác {n}")
    kind = Locality.Kind.CITY
    country = "LA"


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name_vi = factory.Sequence(lambda n: f"Cơ quan {n}")
    name_en = factory.Sequence(lambda n: f"Agency {n}")
    country = "US"


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    hanoi_locality = factory.SubFactory(HanoiFactory)
    partner_locality = factory.SubFactory(LocalityFactory)
    level = Partnership.Level.FRIENDSHIP
    status = Partnership.Status.ACTIVE


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement

    partnership = factory.SubFactory(PartnershipFactory)
    kind = Agreement.Kind.MOU
    title = factory.Sequence(lambda n: f"Biên bản ghi nhớ số {n}")
    stage = Agreement.Stage.PROPOSED


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    title = factory.Sequence(lambda n: f"Gửi dự thảo {n}")
    agreement = factory.SubFactory(AgreementFactory)
    owner = factory.SubFactory(UserFactory)
    due_on = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=7))


class SourceArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SourceArticle

    title = factory.Sequence(lambda n: f"Hà Nội tiếp đoàn đại biểu số {n}")
    publisher = "Kinh tế & Đô thị"
    clean_text = factory.Sequence(lambda n: f"Chiều 4/10, lãnh đạo Thành phố tiếp đoàn số {n}.")
    content_hash = factory.Sequence(lambda n: f"{n:064x}")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Thứ {n}")
    country = "VN"


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    title = factory.Sequence(lambda n: f"Tiếp đoàn đại biểu {n}")
    date = datetime.date(2023, 10, 4)
    kind = Meeting.Kind.RECEPTION


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    meeting = factory.SubFactory(MeetingFactory)
    person = factory.SubFactory(PersonFactory)
    title_at_time = "Phó Chủ tịch UBND Thành phố"


def area(slug):
    return CooperationArea.objects.get(slug=slug)


# Agreement workflow and reminders (issue 3).
from django.core.files.base import ContentFile  # noqa: E402

from partnerships.models import AgreementDocument, MilestoneTemplate, StageChange  # noqa: E402
from staff.models import StaffProfile  # noqa: E402

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class StaffProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffProfile
        django_get_or_create = ("user",)

    user = factory.SubFactory(UserFactory)
    language = StaffProfile.Language.ENGLISH
    digests_enabled = True
    lead_days = factory.LazyFunction(lambda: [30, 7, 1, 0])


class StageChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StageChange

    agreement = factory.SubFactory(AgreementFactory)
    from_stage = ""
    to_stage = Agreement.Stage.PROPOSED
    changed_on = datetime.date(2024, 1, 15)


class MilestoneTemplateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MilestoneTemplate

    stage = Agreement.Stage.SIGNED
    title = factory.Sequence(lambda n: f"Báo cáo sau ký kết {n}")
    offset_days = 30


class AgreementDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgreementDocument

    agreement = factory.SubFactory(AgreementFactory)
    title = "Bản ký"
    kind = AgreementDocument.Kind.SIGNED
    file = factory.LazyFunction(lambda: ContentFile(PDF_BYTES, name="signed.pdf"))
