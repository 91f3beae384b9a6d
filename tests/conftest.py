import pytest

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
