import pytest
from environment_config import ConfigError, create_app, load_config

GOOD = {"SECRET_KEY": "x" * 32, "APP_NAME": "Demo", "ITEMS_PER_PAGE": "5", "MAINTENANCE_MODE": "true"}


def test_values_are_parsed_and_the_secret_is_not_shown():
    response = create_app(GOOD).test_client().get("/config")
    assert response.get_json() == {
        "app_name": "Demo",
        "items_per_page": 5,
        "maintenance_mode": True,
        "secret_key_set": True,
    }


def test_defaults():
    config = load_config({"SECRET_KEY": "x" * 32})
    assert (config["APP_NAME"], config["ITEMS_PER_PAGE"], config["MAINTENANCE_MODE"]) == ("Cookbook", 20, False)


@pytest.mark.parametrize(
    "override, variable",
    [
        ({"SECRET_KEY": ""}, "SECRET_KEY"),
        ({"ITEMS_PER_PAGE": "lots"}, "ITEMS_PER_PAGE"),
        ({"MAINTENANCE_MODE": "maybe"}, "MAINTENANCE_MODE"),
    ],
)
def test_bad_values_stop_start_up(override, variable):
    with pytest.raises(ConfigError, match=variable):
        create_app({**GOOD, **override})
