"""Synthetic data at the scale of decades of records, for the benchmarks in bench/.

Proportions follow --meetings (100,000 gives about 1,000 localities, 3,000 partnerships,
10,000 agreements with their stage histories, 300,000 participations, 100,000 articles of a
few KB and 50,000 milestones). Rows are written with bulk_create, so no audit history is kept
for them."""
import datetime
import random

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from meetings.models import Meeting, Participation, Person, SourceArticle
from dashboard.content_cache import data_changed
from meetings.services import article_content_hash
from partnerships.models import Agreement, CooperationArea, Locality, Milestone, Partnership, StageChange
from partnerships.services import partnerships_refresh_activity

ACTIVITY_BATCH = 500

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Vương"]
MIDDLE = ["Văn", "Thị", "Đức", "Ngọc", "Mạnh", "Thế", "Sỹ", "Anh", "Hồng", "Minh", "Quang", "Thanh"]
GIVEN = ["Hùng", "Tuấn", "Phong", "Thanh", "Quyền", "Hà", "Lan", "Dũng", "Hải", "Long", "Sơn", "Trang", "Huệ"]
FOREIGN = ["Somsak", "Kim", "Park", "Tanaka", "Dubois", "Müller", "Rossi", "Ivanov", "Smith", "García", "Suharto",
           "Siphandone", "Souvanna", "Chen", "Wang", "Novák"]
TITLES_HANOI = ["Chủ tịch UBND Thành phố", "Phó Chủ tịch UBND Thành phố", "Bí thư Thành ủy", "Phó Bí thư Thành ủy",
                "Chủ tịch HĐND Thành phố", "Giám đốc Sở Ngoại vụ"]
TITLES_PARTNER = ["Thị trưởng", "Phó Thị trưởng", "Đô trưởng", "Đại sứ", "Chủ tịch Hội đồng Thành phố", "Tỉnh trưởng"]
PLACE_STEMS = ["Xanh", "Đông", "Tây", "Nam", "Bắc", "Hồng", "Ngọc", "Sơn", "Hải", "Giang", "Lâm", "Phú"]
COUNTRIES = ["LA", "KH", "TH", "ID", "MY", "SG", "PH", "MM", "CN", "JP", "KR", "IN", "RU", "FR", "DE", "IT", "GB",
             "US", "CA", "AU", "CU", "CZ", "PL", "HU", "BG", "RO", "BE", "NL", "ES", "PT", "AT", "TR", "BR", "MX"]
SENTENCES = [
    "Hai bên đánh giá cao kết quả hợp tác trong lĩnh vực {area} thời gian qua.",
    "Lãnh đạo Thành phố Hà Nội đề nghị tăng cường trao đổi đoàn và chia sẻ kinh nghiệm về {area}.",
    "Phía bạn bày tỏ mong muốn thúc đẩy các dự án cụ thể, thiết thực và hiệu quả.",
    "The two sides agreed to deepen cooperation in {area} and to exchange delegations regularly.",
    "Đoàn công tác đã khảo sát một số mô hình quản lý đô thị, giao thông và xử lý rác thải.",
    "Nhân dịp này, hai bên thống nhất sớm hoàn thiện dự thảo văn kiện hợp tác giai đoạn mới.",
]


class Command(BaseCommand):
    help = "Fills the database with realistic synthetic data in bulk (for bench/)."

    def add_arguments(self, parser):
        parser.add_argument("--meetings", type=int, default=100_000)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--batch", type=int, default=5_000)

    def handle(self, *args, meetings, seed, batch, **options):
        if meetings < 10:
            raise CommandError("--meetings must be at least 10.")
        if Meeting.objects.filter(title__startswith="[scale]").exists():
            raise CommandError("Scale data is already loaded; start from an empty database.")
        self.rng, self.batch = random.Random(seed), batch
        scale = meetings / 100_000
        with transaction.atomic():
            self._seed(meetings, scale)
            self._refresh_activity()
            data_changed()  # bulk_create sends no signal: cached pages must not survive the load
        self._analyze()

    def _analyze(self):
        """Fresh planner statistics (both vendors), or the first benchmark runs on guesses. On
        PostgreSQL also VACUUM, as autovacuum would in time after a bulk load: it marks the
        pages all-visible, so counts can use index-only scans (not inside a transaction)."""
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql" and not connection.in_atomic_block:
                cursor.execute("VACUUM (ANALYZE)")
                self.stdout.write("VACUUM (ANALYZE) done")
            else:
                cursor.execute("ANALYZE")
                self.stdout.write("ANALYZE done")

    def _refresh_activity(self):
        """bulk_create sends no signals: rebuild the derived Partnership.last_activity_on."""
        ids = list(Partnership.objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), ACTIVITY_BATCH):
            partnerships_refresh_activity(partnership_ids=ids[start:start + ACTIVITY_BATCH])
        self.stdout.write(f"last activity: {len(ids)} partnerships")

    def _count(self, n, minimum=1):
        return max(minimum, int(n))

    def _bulk(self, model, rows):
        created = model.objects.bulk_create(rows, batch_size=self.batch)
        self.stdout.write(f"{model._meta.label}: {len(rows)}")
        return created

    def _person_name(self, vietnamese):
        rng = self.rng
        if vietnamese:
            return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        return f"{rng.choice(FOREIGN)} {rng.choice(FOREIGN)}"

    def _seed(self, n_meetings, scale):
        rng = self.rng
        User = get_user_model()
        n_users = self._count(5_000 * scale, 5)
        users = self._bulk(User, [User(username=f"scale-user-{i}", email=f"scale{i}@hanoi.example", is_staff=True)
                                  for i in range(n_users)])
        areas = list(CooperationArea.objects.all())

        hanoi, _ = Locality.objects.get_or_create(country="VN", name_en="Hanoi", defaults={
            "name_vi": "Hà Nội", "kind": Locality.Kind.CAPITAL, "is_hanoi_side": True})
        districts = self._bulk(Locality, [
            Locality(name_en=f"Scale District {i}", name_vi=f"Quận {rng.choice(PLACE_STEMS)} {i}", country="VN",
                     kind=Locality.Kind.DISTRICT, parent=hanoi, is_hanoi_side=True) for i in range(30)])
        hanoi_side = [hanoi, *districts]
        n_partners = self._count(970 * scale, 10)
        partners = self._bulk(Locality, [
            Locality(name_en=f"Scale City {i}", name_vi=f"Thành phố {rng.choice(PLACE_STEMS)} Đối tác {i}",
                     aliases=[f"Thủ đô Đối tác {i}"], country=rng.choice(COUNTRIES), kind=Locality.Kind.CITY,
                     latitude=round(rng.uniform(-50, 60), 4), longitude=round(rng.uniform(-170, 170), 4))
            for i in range(n_partners)])

        n_partnerships = self._count(3_000 * scale, 10)
        pairs = set()
        while len(pairs) < min(n_partnerships, len(hanoi_side) * len(partners)):
            pairs.add((rng.randrange(len(hanoi_side)), rng.randrange(len(partners))))
        partnerships = self._bulk(Partnership, [
            Partnership(hanoi_locality=hanoi_side[h], partner_locality=partners[p],
                        level=rng.choice(Partnership.Level.values), status=rng.choice(Partnership.Status.values),
                        established_on=datetime.date(rng.randint(1975, 2024), rng.randint(1, 12), 1),
                        responsible_officer=rng.choice(users)) for h, p in sorted(pairs)])
        self._bulk(Partnership.areas.through, [
            Partnership.areas.through(partnership=p, cooperationarea=a)
            for p in partnerships for a in rng.sample(areas, 3)])

        stages = [Agreement.Stage.PROPOSED, Agreement.Stage.NEGOTIATING, Agreement.Stage.DRAFT_AGREED,
                  Agreement.Stage.APPROVED, Agreement.Stage.SIGNED, Agreement.Stage.IN_FORCE]
        n_agreements = self._count(10_000 * scale, 10)
        agreements, histories = [], []
        for i in range(n_agreements):
            depth = rng.randint(1, len(stages))
            start = datetime.date(rng.randint(1990, 2025), rng.randint(1, 12), rng.randint(1, 28))
            valid_from = start + datetime.timedelta(days=60 * depth)
            agreement = Agreement(
                partnership=rng.choice(partnerships), kind=rng.choice(Agreement.Kind.values),
                title=f"Thỏa thuận hợp tác số {i} giai đoạn {valid_from.year}–{valid_from.year + 3}",
                stage=stages[depth - 1], stage_changed_on=start + datetime.timedelta(days=60 * (depth - 1)),
                valid_from=valid_from, valid_until=valid_from + datetime.timedelta(days=365 * 3),
                responsible_officer=rng.choice(users))
            agreements.append(agreement)
            histories.append([(stages[k], start + datetime.timedelta(days=60 * k)) for k in range(depth)])
        agreements = self._bulk(Agreement, agreements)
        changes = []
        for agreement, history in zip(agreements, histories):
            previous = ""
            for stage, on in history:
                changes.append(StageChange(agreement=agreement, from_stage=previous, to_stage=stage, changed_on=on))
                previous = stage
        self._bulk(StageChange, changes)

        n_milestones = self._count(50_000 * scale, 10)
        today = datetime.date.today()
        milestones = [
            Milestone(title=f"Việc cần làm số {i}: chuẩn bị đón đoàn", agreement=rng.choice(agreements),
                      owner=rng.choice(users), due_on=today + datetime.timedelta(days=rng.randint(-60, 120)),
                      status=rng.choice([Milestone.Status.PENDING] * 4 + [Milestone.Status.DONE]))
            for i in range(n_milestones)]
        for milestone in milestones:  # a date of completion for the done ones only, as the model requires
            milestone.completed_on = today if milestone.status == Milestone.Status.DONE else None
        self._bulk(Milestone, milestones)

        people = self._bulk(Person, [Person(full_name=self._person_name(i % 2 == 0), country="VN" if i % 2 == 0
                                            else rng.choice(COUNTRIES)) for i in range(self._count(20_000 * scale))])
        vietnamese, foreign = people[0::2], people[1::2] or people

        articles = self._bulk(SourceArticle, [self._article(i, areas) for i in range(n_meetings)])
        meetings = self._bulk(Meeting, [
            Meeting(title=f"[scale] Tiếp đoàn đại biểu số {i}",
                    date=datetime.date(rng.randint(1995, 2026), rng.randint(1, 12), rng.randint(1, 28)),
                    kind=rng.choice(Meeting.Kind.values), place="Hà Nội",
                    summary=rng.choice(SENTENCES).format(area="văn hóa")) for i in range(n_meetings)])
        self._bulk(Meeting.partnerships.through, [
            Meeting.partnerships.through(meeting=m, partnership=rng.choice(partnerships)) for m in meetings])
        self._bulk(Meeting.articles.through, [
            Meeting.articles.through(meeting=m, sourcearticle=a) for m, a in zip(meetings, articles)])
        self._bulk(Meeting.areas.through, [
            Meeting.areas.through(meeting=m, cooperationarea=rng.choice(areas)) for m in meetings])
        participations = []
        for meeting in meetings:
            guests = rng.sample(foreign, 1)
            hosts = rng.sample(vietnamese, 2)
            participations += [
                Participation(meeting=meeting, person=hosts[0], title_at_time=rng.choice(TITLES_HANOI),
                              side=Participation.Side.HANOI, role=Participation.Role.HOST),
                Participation(meeting=meeting, person=hosts[1], title_at_time=rng.choice(TITLES_HANOI),
                              side=Participation.Side.HANOI, role=Participation.Role.ATTENDEE),
                Participation(meeting=meeting, person=guests[0], title_at_time=rng.choice(TITLES_PARTNER),
                              side=Participation.Side.PARTNER, role=Participation.Role.GUEST)]
        self._bulk(Participation, participations)

    def _article(self, i, areas):
        rng = self.rng
        body = " ".join(rng.choice(SENTENCES).format(area=rng.choice(areas).name_vi) for _ in range(25))
        text = f"Hà Nội tăng cường hợp tác với đối tác số {i}. {body}"
        return SourceArticle(
            title=f"Hà Nội và đối tác số {i} thúc đẩy hợp tác", publisher=rng.choice(["Kinh tế & Đô thị",
                                                                                       "Hanoi Times", "VietnamPlus"]),
            published_on=datetime.date(rng.randint(1995, 2026), rng.randint(1, 12), rng.randint(1, 28)),
            url=f"https://news.example/{i}", clean_text=text, content_hash=article_content_hash(text),
            review_status=SourceArticle.ReviewStatus.CONFIRMED)
