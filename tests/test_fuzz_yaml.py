"""Property-based tests of the YAML loader: whatever the text, it returns
data or problems with a file and a line, and never raises."""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import examples
from guidekit.core.yamlfile import LineDict, LineList, load_yaml

json_like = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(min_size=1, max_size=8), children, max_size=4),
    max_leaves=25,
)


def plain(value):
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


@settings(max_examples=examples(300), deadline=None)
@given(st.text(max_size=400))
def test_any_text_gives_data_or_located_problems(text):
    loaded = load_yaml(text, "f.yml")
    for problem in loaded.problems.items:
        assert problem.path == "f.yml" and problem.line >= 1
    if loaded.data is None:
        assert loaded.problems.errors


@settings(max_examples=examples(200), deadline=None)
@given(json_like)
def test_round_trip_of_json_like_data(value):
    """What PyYAML writes, the loader reads as PyYAML's safe loader does."""
    text = yaml.safe_dump(value, allow_unicode=True)
    loaded = load_yaml(text, "f.yml")
    expected = yaml.safe_load(text)
    if not isinstance(expected, dict):
        assert loaded.data is None and loaded.problems.errors  # a guide file is always a mapping
        return
    assert not loaded.problems.errors
    assert plain(loaded.data) == expected
    assert isinstance(loaded.data, LineDict)
    for key, item in loaded.data.items():
        if isinstance(item, list):
            assert isinstance(item, LineList)


@settings(max_examples=examples(100), deadline=None)
@given(st.lists(st.sampled_from(["key", "other", "x"]), min_size=2, max_size=6))
def test_every_duplicate_key_is_reported(keys):
    text = "".join(f"{k}: {i}\n" for i, k in enumerate(keys))
    loaded = load_yaml(text, "f.yml")
    duplicates = len(keys) - len(set(keys))
    assert len(loaded.problems.errors) == duplicates
