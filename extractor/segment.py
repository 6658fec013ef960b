"""One jieba `Tokenizer` with the bundled dictionaries merged in, so that
字节跳动, 算法副总裁 and 竞业协议 come out whole.

jieba's own dictionary load costs about a second; the merged prefix dictionary
is cached (marshal, as jieba does) in a per-user cache directory, under a name
keyed by a hash of jieba's dictionary and of every bundled and user dictionary,
so every run after the first loads the merged dictionary in one read.
Cache directory: $EXTRACTOR_CACHE_DIR, else $XDG_CACHE_HOME/extractor, else
~/.cache/extractor; if it cannot be written, the tokenizer is built each time.

The words are jieba's (precise mode, HMM on), found by one of two
implementations that the tests hold to the same output: the C one of
extractor/_speedups.pyx (see extractor/compiled.py), about 2.5x faster than
the Python loop, which takes about 0.4x jieba's time; and the Python loop
below, where that module is not built.
"""
from __future__ import annotations

import hashlib
import logging
import marshal
import os
import re
import sys
import tempfile
import time
from array import array
from math import log

from extractor.compiled import speedups

_CACHE_FORMAT = "5"
KEEP_TAGS = {"nr", "nrfg", "nrt", "nt", "ns"}   # tags of jieba's dictionary worth keeping (names)

# jieba hands every run of characters it does not know to its HMM, whose
# Viterbi copies a path per character: quadratic in the run's length (20,000
# unknown characters take seconds, 1 MB hours). Texts are therefore cut into
# pieces of at most PIECE characters, at a character jieba itself splits at (a
# character outside its word blocks, so the tokens do not change), or, in a run
# with no such character, hard at PIECE characters.
PIECE = 400
_HAN_DEFAULT = r"[\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]"   # jieba's re_han_default: what its blocks are made of
_BLOCK_CHAR = re.compile(_HAN_DEFAULT)                 # one character of a block
_BLOCKS = re.compile("(" + _HAN_DEFAULT + "+)")        # the blocks, kept by split
_SKIP = re.compile(r"(\r\n|\s)")                                   # jieba's re_skip_default

# The segmenter keeps, for each fragment of text it has looked up, what
# _best_path needs of it (Segmenter._entry): its log probability and the
# characters that may follow it in the prefix dictionary. One look-up in a
# small table instead of two in jieba's large one, and none for the fragment
# that ends the search from a character (a test of its last character against
# the one before's followers). Emptied when it holds more than this (about
# 68,000 fragments after 2,000 news articles of 1,200 characters).
_MEMO_LIMIT = 200_000
_NOT_A_PREFIX = (1.0, "")   # the entry of a fragment no dictionary word begins with (a log probability is <= 0)
# The HMM's words for a run of single characters that is no dictionary word are
# kept (Segmenter._unknown) for runs up to _UNKNOWN_CHARS long: names and short
# words (林述白, 也是), half of the HMM's runs in news text (the HMM's words for a
# run depend on the run alone). Emptied past _UNKNOWN_LIMIT runs (about 350 bytes
# each: 33,000 after the 22,600 DuEE and CLUENER documents).
_UNKNOWN_CHARS = 6
_UNKNOWN_LIMIT = 30_000


def _import_jieba():
    """`import jieba`, without the `pkg_resources` import jieba makes only to
    find its own files (a tenth of a second and a deprecation warning; jieba
    falls back to a plain path when it is missing)."""
    if "jieba" in sys.modules or "pkg_resources" in sys.modules:
        import jieba
        return jieba
    sys.modules["pkg_resources"] = None   # makes `import pkg_resources` raise ImportError
    try:
        import jieba
    finally:
        if sys.modules.get("pkg_resources", 0) is None:
            del sys.modules["pkg_resources"]
    return jieba


def pieces(text: str, size: int = PIECE) -> list[tuple[int, int]]:
    """(start, end) pieces of `text`, each at most `size` long, cut after a
    character jieba splits at anyway where there is one (see PIECE)."""
    out, s, n = [], 0, len(text)
    while n - s > size:
        cut = s + size
        for i in range(cut, s, -1):
            c = text[i - 1]
            if c != "\r" and not _BLOCK_CHAR.match(c):
                cut = i
                break
        out.append((s, cut))
        s = cut
    out.append((s, n))
    return out


def _chars(s: str, pos: int, out: list) -> None:
    """Each character of `s` (which begins at `pos`) a token, appended to `out`."""
    out.extend(zip(s, range(pos, pos + len(s)), range(pos + 1, pos + len(s) + 1)))


def _outside(part: str, pos: int, out: list) -> int:
    """jieba's tokens of text outside its blocks: every character alone, but
    \r\n together (its blank split); appended to `out`, with the end returned."""
    if "\r\n" not in part:
        _chars(part, pos, out)
        return pos + len(part)
    for x in _SKIP.split(part):
        if x == "\r\n":
            out.append((x, pos, pos + 2))
        else:
            _chars(x, pos, out)
        pos += len(x)
    return pos


# A cached merged dictionary (14 MB) that no run has read for this many days is
# deleted when a new one is written: each upgrade or change of dictionaries
# writes a new file under a new key, and the old ones would pile up otherwise.
CACHE_KEEP_DAYS = 30
_DAY = 86400
_CACHE_PREFIX, _CACHE_SUFFIX = "jieba-merged-", ".cache"   # a cache's name: the two around its key


def cache_dir() -> str:
    d = os.environ.get("EXTRACTOR_CACHE_DIR")
    if not d:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        d = os.path.join(base, "extractor")
    return d


class Segmenter:
    """`tokens(text)` → [(word, start, end)], precise mode with HMM."""

    def __init__(self, words: list[tuple[str, int, str]], fingerprint: str):
        jieba = _import_jieba()
        jieba.setLogLevel(logging.WARNING)
        logging.getLogger("jieba").setLevel(logging.WARNING)
        self._tk = tk = jieba.Tokenizer()
        self._logp: dict[str, tuple[float, str]] = {}   # _best_path's view of the fragments met so far (_entry)
        self._next: dict[str, str] = {}     # a fragment of the prefix dictionary → the characters that follow it there
        key = hashlib.sha256((_CACHE_FORMAT + fingerprint + jieba.__version__).encode()).hexdigest()[:16]
        path = os.path.join(cache_dir(), _CACHE_PREFIX + key + _CACHE_SUFFIX)
        self.tags: dict[str, str] = {}
        # the search tables read from the cache: the followers (for the Python loop, kept packed by
        # marshal) and the trie's arrays (for the C one)
        tables = self._load(path)
        if tables is None:
            tk.initialize()   # jieba's own dictionary (it keeps its own cache in the temp dir)
            self.tags = _name_tags(tk.get_dict_file())
            total = tk.total
            for word, freq, tag in words:
                tk.add_word(word, freq or None, tag or None)
                if tag:
                    self.tags[word] = tag
            # add_word adds each frequency to jieba's total, which every path's probability is
            # divided by: thousands of bundled words would shift how unrelated text is cut
            # (当|老板 → 当老板). The total stays jieba's own; the new words keep their weight.
            tk.total = total
            tables = marshal.dumps(_followers(tk.FREQ)), _trie_arrays(tk.FREQ, log(total))
            self._save(path, tables)
        followers, trie = tables
        self._logtotal = log(tk.total)
        self._unknown: dict[str, list[str]] = {}   # a short run outside the dictionary → the HMM's words
        self._fast = None       # _speedups' trie, which cuts in C (see tokens)
        fast = speedups()
        if fast is not None:
            try:
                self._fast = fast.Trie(*trie, self._logtotal)
            except (ValueError, MemoryError):
                self._fast = None
        self._hmm = _Hmm(jieba.finalseg, None if self._fast is None else fast.viterbi).cut
        if self._fast is None:
            self._next = marshal.loads(followers)

    @property
    def compiled(self) -> bool:
        """Whether the words are found in C (extractor._speedups) rather than by the Python loop."""
        return self._fast is not None

    def _load(self, path: str) -> tuple[bytes, tuple] | None:
        """The cached dictionary into the tokenizer, and the search tables (followers, trie); None
        if there is no usable cache."""
        try:
            with open(path, "rb") as f:
                # loads(read()): marshal.load(f) reads the file in small pieces, 2-3 times slower
                freq, total, tags, followers, trie = marshal.loads(f.read())
                if time.time() - os.fstat(f.fileno()).st_mtime > _DAY:
                    os.utime(f.fileno())   # still in use (see _prune): marked at most once a day
        except (OSError, ValueError, EOFError, TypeError):
            return None
        self._tk.FREQ, self._tk.total, self._tk.initialized = freq, total, True
        self.tags = tags
        return followers, trie

    def _save(self, path: str, tables: tuple[bytes, tuple]) -> None:
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".jieba-")
            try:
                with os.fdopen(fd, "wb") as f:
                    marshal.dump((self._tk.FREQ, self._tk.total, self.tags, *tables), f)
                os.replace(tmp, path)
            except OSError:
                os.unlink(tmp)
                raise
        except OSError:
            return   # no cache this time: the next run builds the dictionary again
        _prune(path)

    def tokens(self, text: str) -> list[tuple[str, int, int]]:
        out: list[tuple[str, int, int]] = []
        fast = self._fast
        for s, e in (((0, len(text)),) if len(text) <= PIECE else pieces(text)):
            if fast is None:
                self._cut(text[s:e], s, out)
            else:   # the same, in C (with self._singles for a run of single characters it has not met)
                fast.cut(text[s:e], s, out, self._unknown, self._singles)
        return out

    # The Python loop (the C one in _speedups.pyx follows it step for step): jieba's
    # precise mode with HMM (`Tokenizer.cut(text, HMM=True)`), word for word, without
    # its per-word generators, each word written with its offsets as it is found, and
    # one look-up per fragment in a small table of the fragments met so far
    # (self._logp): less than half jieba's time.

    def _cut(self, text: str, pos: int, out: list) -> None:
        """The tokens of `text` (which begins at `pos`), as `Tokenizer.cut(text, HMM=True)`
        gives its words, appended to `out`."""
        # split by a pattern with one group alternates: text outside the blocks, a block, outside, …
        for j, part in enumerate(_BLOCKS.split(text)):
            if j & 1:
                self._cut_block(part, pos, out)
                pos += len(part)
            elif len(part) == 1:   # most often one punctuation mark: a token
                out.append((part, pos, pos + 1))
                pos += 1
            elif part:
                pos = _outside(part, pos, out)

    def _cut_block(self, blk: str, pos: int, out: list) -> None:
        """Tokenizer.__cut_DAG: the words of the best path through the dictionary."""
        ends = self._best_path(blk)
        x, n, run = 0, len(blk), -1   # run: where the current run of single characters began
        while x < n:
            y = ends[x]
            if y - x == 1:
                if run < 0:
                    run = x
            else:
                if run >= 0:
                    self._singles(blk[run:x], pos + run, out)
                    run = -1
                out.append((blk[x:y], pos + x, pos + y))
            x = y
        if run >= 0:
            self._singles(blk[run:], pos + run, out)

    def _singles(self, buf: str, pos: int, out: list) -> None:
        """A run of single characters on the best path: jieba's HMM (finalseg)
        finds the words in it, unless the run is itself a dictionary word."""
        if len(buf) == 1:
            out.append((buf, pos, pos + 1))
            return
        words = self._unknown.get(buf)
        if words is None:
            if self._tk.FREQ.get(buf):
                _chars(buf, pos, out)   # the run is a word: jieba keeps its characters apart
                return
            words = self._hmm(buf)
            if len(buf) <= _UNKNOWN_CHARS:
                if len(self._unknown) > _UNKNOWN_LIMIT:
                    self._unknown.clear()
                self._unknown[buf] = words
        for w in words:
            end = pos + len(w)
            out.append((w, pos, end))
            pos = end

    def _best_path(self, blk: str) -> list[int]:
        """Tokenizer.get_DAG and calc in one pass from the end: ends[k] is where
        the word of the most probable segmentation that starts at k ends. The
        sums are jieba's, in its order, and ties go to the longer word as in
        its max((score, end)), so the path is the same. get_DAG goes on from k
        while the fragment is in the prefix dictionary: here while the next
        character is among those that follow the fragment so far there."""
        logp = self._logp
        if len(logp) > _MEMO_LIMIT:
            logp.clear()
        alone = 0.0 - self._logtotal   # a character outside the dictionary: log(1) - log(total)
        n = len(blk)
        score, ends = [0.0] * (n + 1), [0] * n
        chars = list(map(logp.get, blk))   # each character's entry, looked up in C
        k = n
        while k:
            k -= 1
            # the character itself: a word, a character that only begins words, or unknown
            lp, follow = chars[k] or self._entry(blk[k])
            if lp < 0.0:
                best, end = lp + score[k + 1], k + 1
            elif lp:   # _NOT_A_PREFIX: no word starts here, the character stands alone
                score[k] = alone + score[k + 1]
                ends[k] = k + 1
                continue
            else:
                best, end = None, k + 1
            # the longer fragments from k, while they are words or begin one
            i = k + 1
            while i < n and blk[i] in follow:
                i += 1
                lp, follow = logp.get(blk[k:i]) or self._entry(blk[k:i])
                if lp < 0.0:
                    s = lp + score[i]
                    if best is None or s >= best:
                        best, end = s, i
            score[k] = alone + score[k + 1] if best is None else best
            ends[k] = end
        return ends

    def _entry(self, frag: str) -> tuple[float, str]:
        """What _best_path needs to know of a fragment, kept in self._logp: its
        log probability as jieba's calc computes it if it is a word (below 0),
        or 0.0 if it only begins longer words (frequency 0); and the characters
        that follow it in the dictionary. _NOT_A_PREFIX if no word starts with
        it (only a character can be such: a longer fragment is looked up only
        when its last character follows the rest)."""
        f = self._tk.FREQ.get(frag)
        e = self._logp[frag] = _NOT_A_PREFIX if f is None else (log(f) - self._logtotal if f else 0.0,
                                                                self._next.get(frag, ""))
        return e

    def is_word(self, w: str) -> bool:
        """A word of the merged dictionary (frequency > 0)."""
        return bool(self._tk.FREQ.get(w))

    def freq(self, w: str) -> int:
        return self._tk.FREQ.get(w, 0)

    def tag(self, w: str) -> str | None:
        """The name tag (nr person, nt org, ns place) of a dictionary word."""
        return self.tags.get(w)


class _Hmm:
    """jieba's HMM for unknown words (`jieba.finalseg.cut`), same words: the
    Viterbi over its four states (B, M, E, S) written out with back-pointers
    instead of a copied path per state and character, and each character's
    four emission log probabilities looked up once and kept (about 3x faster
    than finalseg's, which is a third of the segmenter's time)."""

    def __init__(self, finalseg, viterbi=None):
        self._model = finalseg
        self._viterbi = viterbi    # _speedups.viterbi: _words in C
        self._emit: dict[str, tuple[float, float, float, float]] = {}
        t = finalseg.trans_P
        self._trans = (t["E"]["B"], t["S"]["B"], t["M"]["M"], t["B"]["M"],
                       t["S"]["S"], t["E"]["S"], t["B"]["E"], t["M"]["E"])
        self._start = tuple(finalseg.start_P[y] for y in "BMES")

    def _emits(self, c: str) -> tuple[float, float, float, float]:
        e = self._emit.get(c)
        if e is None:
            p, low = self._model.emit_P, self._model.MIN_FLOAT
            e = self._emit[c] = (p["B"].get(c, low), p["M"].get(c, low), p["E"].get(c, low), p["S"].get(c, low))
        return e

    def _words(self, obs: str, out: list[str]) -> None:
        """finalseg.__cut on a run of Chinese characters: the best state sequence
        of finalseg.viterbi, and a word ends after each character in state E or
        S. The Viterbi's sums are made in its order, (previous + transition) +
        emission, and a tie between two previous states goes, as in its max over
        (probability, state) pairs, to the later letter. (A best path moves
        only along finalseg's transitions, so each word begins at a B or S right
        after the last word's end, as finalseg's own walk over the states finds it.)"""
        if self._viterbi is not None:
            out.extend(self._viterbi(obs, self._emit, self._emits, self._trans, self._start))
            return
        eB, eM, eE, eS = self._emits(obs[0])
        sB, sM, sE, sS = self._start
        vB, vM, vE, vS = sB + eB, sM + eM, sE + eE, sS + eS
        tEB, tSB, tMM, tBM, tSS, tES, tBE, tME = self._trans
        back = []   # per character after the first: the previous state of each state, 0-3 for B, M, E, S
        emits = self._emit
        for c in obs[1:]:
            e = emits.get(c) or self._emits(c)
            eB, eM, eE, eS = e
            a, b = vE + tEB + eB, vS + tSB + eB       # B after E or S
            nB, pB = (a, _E) if a > b else (b, _S)
            a, b = vM + tMM + eM, vB + tBM + eM       # M after M or B
            nM, pM = (a, _M) if a >= b else (b, _B)
            a, b = vS + tSS + eS, vE + tES + eS       # S after S or E
            nS, pS = (a, _S) if a >= b else (b, _E)
            a, b = vB + tBE + eE, vM + tME + eE       # E after B or M
            nE, pE = (a, _B) if a > b else (b, _M)
            back.append((pB, pM, pE, pS))
            vB, vM, vE, vS = nB, nM, nE, nS
        state = _E if vE > vS else _S
        # back from the last character: cut after every E or S
        words, end, i = [], len(obs), len(obs) - 1
        for prev in reversed(back):
            state = prev[state]   # the state of character i - 1
            if state >= _E:
                words.append(obs[i:end])
                end = i
            i -= 1
        words.append(obs[:end])
        words.reverse()
        out.extend(words)

    def cut(self, sentence: str) -> list[str]:
        out: list[str] = []
        split = self._model.Force_Split_Words
        han, skip = self._model.re_han, self._model.re_skip
        if not split and han.fullmatch(sentence):   # the usual run: Chinese characters only
            self._words(sentence, out)
            return out
        for blk in han.split(sentence):
            if not blk:
                continue
            if han.match(blk):
                n = len(out)
                self._words(blk, out)
                if split and any(w in split for w in out[n:]):
                    words = out[n:]
                    del out[n:]
                    for w in words:
                        out.extend(w if w in split else (w,))
            else:
                out.extend(x for x in skip.split(blk) if x)
        return out


_B, _M, _E, _S = range(4)   # the HMM's states, in the order of its tuples


def _prune(keep: str) -> None:
    """Delete the other merged-dictionary caches beside `keep` that no run has read
    for CACHE_KEEP_DAYS days (see CACHE_KEEP_DAYS; _load marks the ones it reads)."""
    folder = os.path.dirname(keep)
    oldest = time.time() - CACHE_KEEP_DAYS * _DAY
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        path = os.path.join(folder, name)
        if name.startswith(_CACHE_PREFIX) and name.endswith(_CACHE_SUFFIX) and path != keep:
            try:
                if os.stat(path).st_mtime < oldest:
                    os.remove(path)
            except OSError:
                pass


def _followers(freq: dict[str, int]) -> dict[str, str]:
    """Each fragment of the prefix dictionary that a longer one goes on from → the
    characters that follow it there (中 → 国央心…), read once when the cache is built."""
    same = dict(zip(freq, freq))   # each fragment's own string, which marshal then writes once for both tables
    out: dict[str, list[str]] = {}
    for w in freq:
        if len(w) > 1:
            out.setdefault(same[w[:-1]], []).append(w[-1])
    strings: dict[str, str] = {}   # one string for each distinct set of followers (most are one character)
    return {k: strings.setdefault(x, x) for k, x in ((k, "".join(v)) for k, v in out.items())}


def _trie_arrays(freq: dict[str, int], logtotal: float) -> tuple[bytes, bytes, bytes, bytes]:
    """The prefix dictionary as _speedups.Trie reads it, built once with the cache: the
    fragments numbered by (length, text) from 1 (0 is the empty root), so that the children of
    each are consecutive and sorted by character; for each, its first child and how many it
    has, its last character, and its log probability as _entry computes it (0.0 if it only
    begins longer words). A fragment whose fragment one shorter is not in the dictionary is
    left out: jieba's search never reaches it (it stops at the shorter one)."""
    order = sorted(freq, key=lambda w: (len(w), w))
    ids = {"": 0}
    start, count, chars, logp = array("I", [0]), array("I", [0]), array("I", [0]), array("d", [0.0])
    for w in order:
        parent = ids.get(w[:-1])
        if parent is None:
            continue
        i = ids[w] = len(chars)
        if not count[parent]:
            start[parent] = i
        count[parent] += 1
        f = freq[w]
        start.append(0)
        count.append(0)
        chars.append(ord(w[-1]))
        logp.append(log(f) - logtotal if f else 0.0)
    return start.tobytes(), count.tobytes(), chars.tobytes(), logp.tobytes()


def _name_tags(dict_file) -> dict[str, str]:
    """Words of jieba's dictionary tagged as names, read once when the cache is built."""
    tags = {}
    with dict_file as f:
        for raw in f:
            parts = raw.decode("utf-8").split()
            if len(parts) == 3 and parts[2] in KEEP_TAGS:
                tags[parts[0]] = parts[2]
    return tags
