# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""The hottest loops in C (see extractor/compiled.py): each follows a Python
twin step for step, and the tests hold the two to the same results.

- `Trie`, `viterbi`: the segmenter (extractor/segment.py). `Trie` holds jieba's
  prefix dictionary as laid out by segment._trie_arrays: nodes numbered by
  (length, text), so that the children of a node are consecutive and sorted by
  character; for each node, the log probability of its fragment as jieba's
  calc computes it (0.0 if the fragment only begins longer words), its first
  child and how many children it has, and the last character of its fragment.
  `Trie.best_path` is Segmenter._best_path with the fragments looked up in the
  trie instead of a Python dict (same sums in the same order, the same ties),
  `Trie.cut` Segmenter._cut, `viterbi` _Hmm._words.
- `token_hits`: the first step of taggers.token_matches.
- `all_han`: person._all_han (every character in the basic CJK block).
- `token_index`, `first_chars`: a document's table of token starts and ends
  (taggers.Context) and the string of the tokens' first characters.
- `char_positions`, `pair_positions`, `matches_from`: the scans of the text for
  where a pattern can begin (taggers.FirstChars): the characters are tested in a
  bitmap, and the pattern is tried only at those that pass.
"""

from libc.stdint cimport uint32_t
from libc.stdlib cimport free, malloc

cdef extern from "Python.h":
    Py_UCS4 PyUnicode_READ(int kind, const void *data, Py_ssize_t index)
    int PyUnicode_KIND(object o)
    const void *PyUnicode_DATA(object o)
    Py_ssize_t PyUnicode_GET_LENGTH(object o)
    bint PyUnicode_IS_ASCII(object o)
    object PyUnicode_FromKindAndData(int kind, const void *buffer, Py_ssize_t size)
    int PyUnicode_4BYTE_KIND

cdef uint32_t NONE = 0xFFFFFFFF
cdef Py_ssize_t DIRECT = 65536     # the root's children are found by their character below this (all of jieba's blocks)
cdef uint32_t SCAN = 8             # children looked for one by one up to this many, by bisection beyond


cdef class Trie:
    cdef const uint32_t *start     # a node's first child
    cdef const uint32_t *count     # how many children it has
    cdef const uint32_t *chars     # a node's last character
    cdef const double *logp        # a node's log probability (below 0), or 0.0: a prefix only
    cdef uint32_t *root            # the root's child for each character below DIRECT, or NONE
    cdef readonly double alone     # a character outside the dictionary: log(1) - log(total)
    cdef object _keep              # the buffers the pointers above point into

    def __cinit__(self, bytes start, bytes count, bytes chars, bytes logp, double logtotal):
        cdef Py_ssize_t n = len(chars) // 4, i
        if len(start) != 4 * n or len(count) != 4 * n or len(logp) != 8 * n or n < 1:
            raise ValueError("trie: the arrays disagree in length")
        self._keep = (start, count, chars, logp)
        self.start = <const uint32_t *> (<const char *> start)
        self.count = <const uint32_t *> (<const char *> count)
        self.chars = <const uint32_t *> (<const char *> chars)
        self.logp = <const double *> (<const char *> logp)
        self.alone = 0.0 - logtotal
        self.root = <uint32_t *> malloc(DIRECT * sizeof(uint32_t))
        if self.root is NULL:
            raise MemoryError()
        for i in range(DIRECT):
            self.root[i] = NONE
        for i in range(n):   # (a damaged cache must not send a search outside the arrays)
            if <Py_ssize_t> self.start[i] + self.count[i] > n:
                raise ValueError("trie: a child beyond the last node")
        for i in range(self.start[0], self.start[0] + self.count[0]):
            if self.chars[i] < DIRECT:
                self.root[self.chars[i]] = <uint32_t> i

    def __dealloc__(self):
        free(self.root)

    cdef inline uint32_t _child(self, uint32_t node, uint32_t c):
        cdef uint32_t lo = self.start[node], hi = lo + self.count[node], mid
        if hi - lo <= SCAN:
            while lo < hi:
                if self.chars[lo] == c:
                    return lo
                lo += 1
            return NONE
        while lo < hi:
            mid = (lo + hi) >> 1
            if self.chars[mid] < c:
                lo = mid + 1
            else:
                hi = mid
        if lo < self.start[node] + self.count[node] and self.chars[lo] == c:
            return lo
        return NONE

    cdef int _path(self, str text, Py_ssize_t a, Py_ssize_t b, Py_ssize_t *ends) except -1:
        """ends[k - a]: where the word of the most probable segmentation of text[a:b] that starts
        at k ends (Segmenter._best_path)."""
        cdef int kind = PyUnicode_KIND(text)
        cdef const void *data = PyUnicode_DATA(text)
        cdef Py_ssize_t k, i, end
        cdef double best, s, lp, alone = self.alone
        cdef bint found
        cdef uint32_t node, c
        cdef double *score = <double *> malloc((b - a + 1) * sizeof(double))
        if score is NULL:
            raise MemoryError()
        score[b - a] = 0.0
        k = b
        while k > a:
            k -= 1
            c = <uint32_t> PyUnicode_READ(kind, data, k)
            node = self.root[c] if c < DIRECT else self._child(0, c)
            if node == NONE:                # no word starts with the character: it stands alone
                score[k - a] = alone + score[k - a + 1]
                ends[k - a] = k + 1
                continue
            lp = self.logp[node]
            end = k + 1
            found = lp < 0.0                # the character is a word
            best = lp + score[k - a + 1] if found else 0.0
            i = k + 1
            while i < b:                    # the longer fragments from k, while they are words or begin one
                node = self._child(node, <uint32_t> PyUnicode_READ(kind, data, i))
                if node == NONE:
                    break
                i += 1
                lp = self.logp[node]
                if lp < 0.0:
                    s = lp + score[i - a]
                    if not found or s >= best:
                        best, end, found = s, i, True
            score[k - a] = best if found else alone + score[k - a + 1]
            ends[k - a] = end
        free(score)
        return 0

    def best_path(self, str blk):
        """ends[k]: where the word of the most probable segmentation of blk that starts at k ends."""
        cdef Py_ssize_t n = PyUnicode_GET_LENGTH(blk), k
        cdef Py_ssize_t *ends = <Py_ssize_t *> malloc((n + 1) * sizeof(Py_ssize_t))
        if ends is NULL:
            raise MemoryError()
        try:
            self._path(blk, 0, n, ends)
            return [ends[k] for k in range(n)]
        finally:
            free(ends)

    def cut(self, str text, Py_ssize_t pos, list out, dict unknown, object singles):
        """Segmenter._cut: the tokens of text (which begins at pos) appended to out, as jieba's
        precise mode with HMM gives its words: the blocks of jieba's re_han_default cut along
        the best path, a run of single characters on it given to the HMM (the words kept in
        `unknown` for it, else `singles`, Segmenter._singles, finds them); outside the blocks
        every character a token, but \\r\\n together (jieba's blank split)."""
        cdef int kind = PyUnicode_KIND(text)
        cdef const void *data = PyUnicode_DATA(text)
        cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text), i = 0, j
        cdef Py_UCS4 c
        while i < n:
            c = PyUnicode_READ(kind, data, i)
            if _in_block(c):
                j = i + 1
                while j < n and _in_block(PyUnicode_READ(kind, data, j)):
                    j += 1
                self._cut_block(text, i, j, pos, out, unknown, singles)
                i = j
            elif c == u"\r" and i + 1 < n and PyUnicode_READ(kind, data, i + 1) == u"\n":
                out.append((text[i:i + 2], pos + i, pos + i + 2))
                i += 2
            else:
                out.append((text[i:i + 1], pos + i, pos + i + 1))
                i += 1

    cdef int _cut_block(self, str text, Py_ssize_t a, Py_ssize_t b, Py_ssize_t pos, list out, dict unknown,
                        object singles) except -1:
        """Segmenter._cut_block on text[a:b]."""
        cdef Py_ssize_t x = a, y, run = -1
        cdef Py_ssize_t *ends = <Py_ssize_t *> malloc((b - a) * sizeof(Py_ssize_t))
        if ends is NULL:
            raise MemoryError()
        try:
            self._path(text, a, b, ends)
            while x < b:
                y = ends[x - a]
                if y - x == 1:
                    if run < 0:
                        run = x
                else:
                    if run >= 0:
                        _singles(text, run, x, pos, out, unknown, singles)
                        run = -1
                    out.append((text[x:y], pos + x, pos + y))
                x = y
            if run >= 0:
                _singles(text, run, b, pos, out, unknown, singles)
        finally:
            free(ends)
        return 0


cdef inline bint _in_block(Py_UCS4 c):
    """A character of jieba's re_han_default blocks: [\\u4E00-\\u9FD5a-zA-Z0-9+#&._%\\-]."""
    if 0x4E00 <= c <= 0x9FD5:
        return True
    if c >= 128:
        return False
    return (u"a" <= c <= u"z") or (u"A" <= c <= u"Z") or (u"0" <= c <= u"9") or c in u"+#&._%-"


cdef int _singles(str text, Py_ssize_t a, Py_ssize_t b, Py_ssize_t pos, list out, dict unknown,
                  object singles) except -1:
    """Segmenter._singles on text[a:b]: the words kept for the run, else singles finds them."""
    cdef str buf
    cdef object words
    cdef Py_ssize_t p = pos + a
    if b - a == 1:
        out.append((text[a:b], p, p + 1))
        return 0
    buf = text[a:b]
    words = unknown.get(buf)
    if words is None:
        singles(buf, p, out)
        return 0
    for w in words:
        out.append((w, p, p + len(w)))
        p += len(w)
    return 0


def viterbi(str obs, dict emit, object emits, tuple trans, tuple start):
    """_Hmm._words in C: the HMM's words of a run of Chinese characters, as a list. `emit`:
    each character's four emission log probabilities (B, M, E, S) met so far, `emits(c)` the
    function that adds a character's; `trans`: the eight transitions _Hmm keeps, `start`: the
    four starts. Same sums in the same order, the same ties, as _Hmm._words."""
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(obs), i, end
    cdef double tEB = trans[0], tSB = trans[1], tMM = trans[2], tBM = trans[3]
    cdef double tSS = trans[4], tES = trans[5], tBE = trans[6], tME = trans[7]
    cdef double vB, vM, vE, vS, nB, nM, nE, nS, eB, eM, eE, eS, a, b
    cdef unsigned char pB, pM, pE, pS, state
    cdef unsigned char *back
    cdef tuple e
    cdef list words = []
    if n == 0:
        return words
    e = _emission(obs[0], emit, emits)
    eB, eM, eE, eS = e
    vB, vM, vE, vS = <double> start[0] + eB, <double> start[1] + eM, <double> start[2] + eE, <double> start[3] + eS
    back = <unsigned char *> malloc(4 * n)
    if back is NULL:
        raise MemoryError()
    try:
        for i in range(1, n):
            e = _emission(obs[i], emit, emits)
            eB, eM, eE, eS = e
            a, b = vE + tEB + eB, vS + tSB + eB       # B after E or S
            if a > b:
                nB, pB = a, 2
            else:
                nB, pB = b, 3
            a, b = vM + tMM + eM, vB + tBM + eM       # M after M or B
            if a >= b:
                nM, pM = a, 1
            else:
                nM, pM = b, 0
            a, b = vS + tSS + eS, vE + tES + eS       # S after S or E
            if a >= b:
                nS, pS = a, 3
            else:
                nS, pS = b, 2
            a, b = vB + tBE + eE, vM + tME + eE       # E after B or M
            if a > b:
                nE, pE = a, 0
            else:
                nE, pE = b, 1
            back[4 * i], back[4 * i + 1], back[4 * i + 2], back[4 * i + 3] = pB, pM, pE, pS
            vB, vM, vE, vS = nB, nM, nE, nS
        state = 2 if vE > vS else 3
        end = n
        i = n - 1
        while i > 0:                                  # back from the last character: cut after every E or S
            state = back[4 * i + state]               # the state of character i - 1
            if state >= 2:
                words.append(obs[i:end])
                end = i
            i -= 1
        words.append(obs[:end])
        words.reverse()
        return words
    finally:
        free(back)


cdef inline tuple _emission(str c, dict emit, object emits):
    cdef object e = emit.get(c)
    if e is None:
        e = emits(c)
    return <tuple> e


def token_hits(list tokens, object prefixes, object key, bytes firsts):
    """The indices of the tokens (word, start, end) whose word is in prefixes, an ASCII word
    passed through key(word) first: the first step of taggers.token_matches. A word that is not
    ASCII is looked up only if its first character is in the bitmap firsts (that of the prefixes'
    first characters, bit c of 8,192 bytes) or beyond the BMP: most tokens are turned down there,
    without a probe of the set."""
    cdef list out = []
    cdef Py_ssize_t i
    cdef tuple tok
    cdef object w
    cdef const unsigned char *bits = _bitmap(firsts, "token_hits")
    for i in range(len(tokens)):
        tok = tokens[i]
        w = tok[0]
        if PyUnicode_IS_ASCII(w):
            w = key(w)
        elif PyUnicode_GET_LENGTH(w) and not _may_begin(<uint32_t> PyUnicode_READ(PyUnicode_KIND(w), PyUnicode_DATA(w), 0),
                                                      bits):
            continue
        if w in prefixes:
            out.append(i)
    return out


def token_index(list tokens):
    """({start: index}, {end}) of the tokens (word, start, end): taggers.Context's token_starts
    and token_ends, as dict(zip(starts, count())) and set(ends) give them."""
    cdef dict starts = {}
    cdef set ends = set()
    cdef Py_ssize_t i
    cdef tuple tok
    for i in range(len(tokens)):
        tok = tokens[i]
        starts[tok[1]] = i
        ends.add(tok[2])
    return starts, ends


def first_chars(str text, list tokens):
    """The first character of each token (word, start, end) of text, as one string: text[start]
    for each, written straight into the string (no string per character on the way)."""
    cdef Py_ssize_t n = len(tokens), i, s, size = PyUnicode_GET_LENGTH(text)
    cdef int kind = PyUnicode_KIND(text)
    cdef const void *data = PyUnicode_DATA(text)
    cdef Py_UCS4 *buf
    if n == 0:
        return ""
    buf = <Py_UCS4 *> malloc(n * sizeof(Py_UCS4))
    if buf is NULL:
        raise MemoryError()
    try:
        for i in range(n):
            s = (<tuple> tokens[i])[1]
            if s < 0 or s >= size:
                raise IndexError("first_chars: a token starts outside the text")
            buf[i] = PyUnicode_READ(kind, data, s)
        return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, buf, n)
    finally:
        free(buf)


def all_han(str w):
    """Every character of w in the basic CJK block, U+4E00 to U+9FFF (True for ""): person._all_han."""
    cdef int kind = PyUnicode_KIND(w)
    cdef const void *data = PyUnicode_DATA(w)
    cdef Py_ssize_t i
    cdef uint32_t c
    for i in range(PyUnicode_GET_LENGTH(w)):
        c = <uint32_t> PyUnicode_READ(kind, data, i)
        if c < 0x4E00 or c > 0x9FFF:
            return False
    return True


cdef const unsigned char *_bitmap(bytes bits, str what) except NULL:
    """The bitmap's bytes (bit c of 8,192 bytes: the BMP), or ValueError for one of another size."""
    if len(bits) != 8192:
        raise ValueError(f"{what}: the bitmap must have 8,192 bytes")
    return bits


cdef inline bint _may_begin(uint32_t c, const unsigned char *bits):
    """c is in the bitmap (bit c of 8,192 bytes), or beyond the BMP (where the caller asks the pattern)."""
    return c >= 65536 or (bits[c >> 3] >> (c & 7)) & 1


def char_positions(str text, bytes bitmap, object cls):
    """The positions in text of the characters that cls (one character class) matches, whose BMP
    characters bitmap holds: [m.start() for m in cls.finditer(text)]. A character beyond the BMP
    is asked of cls itself."""
    cdef int kind = PyUnicode_KIND(text)
    cdef const void *data = PyUnicode_DATA(text)
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text), i
    cdef const unsigned char *bits = _bitmap(bitmap, "char_positions")
    cdef uint32_t c                # (not Py_UCS4, which Cython shifts as a one-character str)
    cdef list out = []
    for i in range(n):
        c = <uint32_t> PyUnicode_READ(kind, data, i)
        if c < 65536:
            if (bits[c >> 3] >> (c & 7)) & 1:
                out.append(i)
        elif cls.match(text, i) is not None:
            out.append(i)
    return out


def pair_positions(str text, bytes first, bytes second, object pairs):
    """The positions i in text where text[i:i + 2] is one of pairs (two-character strings), whose
    first characters the bitmap first holds and second characters the bitmap second: only where
    both characters pass (or lie beyond the BMP) is the pair looked up."""
    cdef int kind = PyUnicode_KIND(text)
    cdef const void *data = PyUnicode_DATA(text)
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text), i
    cdef const unsigned char *a = _bitmap(first, "pair_positions")
    cdef const unsigned char *b = _bitmap(second, "pair_positions")
    cdef list out = []
    for i in range(n - 1):
        if _may_begin(<uint32_t> PyUnicode_READ(kind, data, i), a) and \
                _may_begin(<uint32_t> PyUnicode_READ(kind, data, i + 1), b) and text[i:i + 2] in pairs:
            out.append(i)
    return out


def matches_from(object rx, str text, bytes bitmap):
    """list(rx.finditer(text)) for a pattern that never matches the empty string and whose every
    match begins with a character of the bitmap (or beyond the BMP): rx is tried there only."""
    cdef int kind = PyUnicode_KIND(text)
    cdef const void *data = PyUnicode_DATA(text)
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text), i = 0, e
    cdef const unsigned char *bits = _bitmap(bitmap, "matches_from")
    cdef object match = rx.match, m
    cdef list out = []
    while i < n:
        if not _may_begin(<uint32_t> PyUnicode_READ(kind, data, i), bits):
            i += 1
            continue
        m = match(text, i)
        if m is None:
            i += 1
            continue
        out.append(m)
        e = m.end()
        i = e if e > i else i + 1
    return out

