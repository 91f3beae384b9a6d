import pytest
from django.utils import translation

from tests.factories import AgreementFactory, HanoiFactory, PartnershipFactory, UserFactory


@pytest.fixture
def hanoi(db):
    return HanoiFactory()


@pytest.fixture
def staff_user(db):
    return UserFactory(username="clerk")


@pytest.fixture
def partnership(db, hanoi):
    return PartnershipFactory(hanoi_locality=hanoi)


@pytest.fixture
def agreement(db, partnership):
    return AgreementFactory(partnership=partnership)


@pytest.fixture(autouse=True)
def english_messages():
    """Assertions read English messages; tests of the Vietnamese UI switch language themselves."""
    with translation.override("en"):
        yield
