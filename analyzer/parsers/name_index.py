"""Lookups that keep identity merging linear: union-find groups of claims, and full
names indexed by their words so a lone given name or a shorter spelling finds the full
names it fits without comparing every pair."""

from __future__ import annotations

from analyzer.parsers.names import could_be, goes_by, nickname_of


class Groups:
    """Union-find over claim indices: the claims found to name one person."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        """The representative of `i`'s group."""
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        """Make one group of `a`'s and `b`'s (the lower index represents it)."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


class NameIndex:
    """Full names (token tuples) and whom they belong to, looked up by a lone given name
    or by a shorter spelling, without comparing every pair."""

    def __init__(self) -> None:
        self.by_word: dict[str, set[tuple[str, ...]]] = {}
        self.by_start: dict[str, set[tuple[str, ...]]] = {}
        self.owners: dict[tuple[str, ...], set[int]] = {}

    def add(self, full: tuple[str, ...], owner: int) -> None:
        """Index the full name `full` as `owner`'s."""
        self.owners.setdefault(full, set()).add(owner)
        for word in full:
            self.by_word.setdefault(word, set()).add(full)
        self.by_start.setdefault(full[0][:3], set()).add(full)

    def _given(self, word: str) -> set[tuple[str, ...]]:
        found = set(self.by_word.get(word, ()))
        found |= self.by_start.get(word[:3], set())
        for full in nickname_of(word):
            found |= self.by_word.get(full, set())
        return found

    def single(self, word: str, initial: str = "") -> set[int]:
        """Owners of the full names a lone given name fits (and whose surname starts
        with `initial`, when given)."""
        out: set[int] = set()
        for full in self._given(word):
            if goes_by(word, full) and full[-1].startswith(initial):
                out |= self.owners[full]
        return out

    def longer(self, short: tuple[str, ...]) -> set[int]:
        """Owners of the full names `short` is a shorter spelling of."""
        out: set[int] = set()
        for full in self.by_word.get(short[-1], set()):
            if could_be(short, full):
                out |= self.owners[full]
        return out
