import pytest

from bpu_desktop.domain.seed import RESOURCES, load_seed


def test_reads_resources_json_once():
    assert RESOURCES.name == "resources"
    first = load_seed("reference")
    assert first["jkm"] == 6_800
    assert load_seed("reference") is first  # cached


@pytest.mark.parametrize("name", ["../pyproject", "reference.json", ""])
def test_refuses_names_that_are_not_plain(name):
    with pytest.raises(ValueError, match="tidak sah"):
        load_seed(name)


def test_missing_seed_is_an_error():
    with pytest.raises(FileNotFoundError):
        load_seed("does_not_exist")
