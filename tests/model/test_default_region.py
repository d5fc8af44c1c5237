"""Which pack serves a link or a command that names none: the one marked default, or an error naming why."""

from __future__ import annotations

import pytest

from sti_geo import DataValidationError
from sti_geo.cli import main
from sti_geo.settings import default_region, list_regions, settings_from_env


def test_the_pack_marked_default_serves(regions_copy):
    assert default_region() == "weihai" and settings_from_env().region == "weihai"


def test_an_unreadable_manifest_is_named_never_another_city(regions_copy, edit):
    edit(regions_copy / "weihai" / "manifest.toml", "zoom = 9", "zoom = = 9")
    with pytest.raises(DataValidationError, match=r"geodata/weihai/manifest\.toml .*cannot parse"):
        default_region()
    with pytest.raises(DataValidationError, match=r"weihai/manifest\.toml"):
        settings_from_env()
    assert settings_from_env("qingdao").region == "qingdao"  # a pack asked for by name still serves
    assert list_regions() == ["qingdao", "weihai"]  # listed, for the region switch; by name, none marked readable


def test_an_unreadable_other_manifest_stops_the_default_too(regions_copy, edit):
    # it might be the one marked default: the app cannot know which city to serve
    edit(regions_copy / "qingdao" / "manifest.toml", "[", "[[")
    with pytest.raises(DataValidationError, match=r"qingdao/manifest\.toml"):
        default_region()


def test_no_pack_or_two_packs_marked_default_is_an_error(regions_copy, edit):
    edit(regions_copy / "weihai" / "manifest.toml", "default = true", "")
    with pytest.raises(DataValidationError, match="no pack says default = true; one of qingdao, weihai must"):
        default_region()
    edit(regions_copy / "weihai" / "manifest.toml", "\n", "\ndefault = true\n")
    edit(regions_copy / "qingdao" / "manifest.toml", "\n", "\ndefault = true\n")
    with pytest.raises(DataValidationError, match="2 packs say default = true"):
        default_region()


def test_a_single_pack_needs_no_mark(regions_copy, edit):
    import shutil

    shutil.rmtree(regions_copy / "qingdao")
    edit(regions_copy / "weihai" / "manifest.toml", "default = true", "")
    assert default_region() == "weihai"


def test_validate_names_the_broken_default_and_fails(regions_copy, edit, capsys):
    edit(regions_copy / "weihai" / "manifest.toml", "zoom = 9", "zoom = = 9")
    assert main(["validate"]) == 1
    out, err = capsys.readouterr()
    assert "geodata/weihai/manifest.toml" in err and "cannot parse" in err and "ok:" not in out
    assert main(["--region", "weihai", "validate"]) == 1
    assert main(["--region", "qingdao", "validate"]) == 0


def test_an_empty_region_is_refused_not_the_default(capsys):
    assert main(["--region", "", "layers"]) == 2
    assert "--region is empty; region packs: weihai, qingdao" in capsys.readouterr().err
