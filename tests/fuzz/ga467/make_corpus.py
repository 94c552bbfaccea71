#!/usr/bin/python3
"""Writes the seed corpus of fuzz_ga467_answer: answers a GA 467 reader sends, built independently of the C++
encoder (so a mistake there is not copied into the seeds). Run from this folder: /usr/bin/python3 make_corpus.py"""
import os

PREAMBLE = bytes([0xAA, 0xAA, 0xAA, 0x96, 0x69])


def frame(body: bytes) -> bytes:
    length = len(body) + 1
    head = bytes([length >> 8, length & 0xFF])
    chk = 0
    for b in head + body:
        chk ^= b
    return PREAMBLE + head + body + bytes([chk])


def answer(sw3: int, data: bytes = b"") -> bytes:
    return frame(bytes([0, 0, sw3]) + data)


def field(text: str, size: int) -> bytes:
    raw = text.encode("utf-16-le")
    assert len(raw) <= size
    return raw + " ".encode("utf-16-le") * ((size - len(raw)) // 2)


def text_block(until: str) -> bytes:
    block = (field("张示例", 30) + field("2", 2) + field("01", 4) + field("19491231", 16) +
             field("北京市东城区示例路1号", 70) + field("11010519491231002X", 36) +
             field("北京市公安局东城分局", 30) + field("20200101", 16) + field(until, 16))
    return block + field("", 256 - len(block))


def record(until: str, prints: bytes = None) -> bytes:
    text, photo = text_block(until), bytes([0x57]) * 1024
    if prints is None:
        return len(text).to_bytes(2, "big") + len(photo).to_bytes(2, "big") + text + photo
    return (len(text).to_bytes(2, "big") + len(photo).to_bytes(2, "big") + len(prints).to_bytes(2, "big") +
            text + photo + prints)


SEEDS = {
    "find_card_found": answer(0x9F, bytes(4)),
    "find_no_card": answer(0x80),
    "select_ok": answer(0x90, bytes(8)),
    "read_long_term": answer(0x90, record("长期")),
    "read_dated": answer(0x90, record("20400101")),
    "read_fingerprints": answer(0x90, record("长期", bytes([0x46]) * 1024)),
    "read_no_fingerprints": answer(0x90, record("长期", b"")),
    "read_failed": answer(0x41),
    "sam_ok": answer(0x90),
    "noise_then_answer": b"\x00\xaa\xaa\x13" + answer(0x9F, bytes(4)) + b"\xaa\xaa\xaa",
}

if __name__ == "__main__":
    os.makedirs("corpus", exist_ok=True)
    for name, data in SEEDS.items():
        with open(os.path.join("corpus", name), "wb") as out:
            out.write(data)
