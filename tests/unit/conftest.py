"""Every unit test starts and ends in Danish, whatever language the test before it chose."""

import pytest

from netvaerk_lib.texts import set_language


@pytest.fixture(autouse=True)
def danish():
    set_language("da")
    yield
    set_language("da")
