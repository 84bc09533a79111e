#!/usr/bin/env python3
"""Prints, as one JSON document, the resources of a Windows executable that .ci/windows checks:
the resource types present, the version information (the fixed file version, each language's
strings and the translations) and the manifest's text.

    python3 .ci/wine/pe_resources.py app.exe

A small reader of the PE format (the resource directory and VS_VERSIONINFO), standard library
only: objdump shows that a .rsrc section exists, this shows what is in it.
"""
import json
import struct
import sys

RT_ICON, RT_GROUP_ICON, RT_VERSION, RT_MANIFEST = 3, 14, 16, 24


def sections(pe):
    """(virtual address, virtual size, file offset) of each section, and the resource
    directory's RVA."""
    (e_lfanew,) = struct.unpack_from("<I", pe, 0x3C)
    if pe[e_lfanew : e_lfanew + 4] != b"PE\0\0":
        raise ValueError("not a PE file")
    coff = e_lfanew + 4
    count, = struct.unpack_from("<H", pe, coff + 2)
    optional_size, = struct.unpack_from("<H", pe, coff + 16)
    optional = coff + 20
    magic, = struct.unpack_from("<H", pe, optional)
    directories = optional + (112 if magic == 0x20B else 96)  # PE32+ or PE32
    resource_rva, _ = struct.unpack_from("<II", pe, directories + 2 * 8)
    table = optional + optional_size
    found = []
    for i in range(count):
        _, vsize, vaddr, raw_size, raw_ptr = struct.unpack_from("<8sIIII", pe, table + 40 * i)
        found.append((vaddr, max(vsize, raw_size), raw_ptr))
    return found, resource_rva


def reader(pe):
    found, resource_rva = sections(pe)

    def offset(rva):
        for vaddr, size, raw in found:
            if vaddr <= rva < vaddr + size:
                return raw + rva - vaddr
        raise ValueError(f"RVA {rva:#x} is in no section")

    return offset, resource_rva


def resources(pe):
    """{type id: [(name id, language id, bytes)]} of every resource with numeric ids."""
    offset, root_rva = reader(pe)
    if root_rva == 0:
        return {}
    root = offset(root_rva)

    def entries(at):
        named, ids = struct.unpack_from("<HH", pe, at + 12)
        for i in range(named + ids):
            name, target = struct.unpack_from("<II", pe, at + 16 + 8 * i)
            yield name, target

    out = {}
    for type_id, types in entries(root):
        for name_id, names in entries(root + (types & 0x7FFFFFFF)):
            for lang_id, leaf in entries(root + (names & 0x7FFFFFFF)):
                data_rva, size, _, _ = struct.unpack_from("<IIII", pe, root + leaf)
                start = offset(data_rva)
                out.setdefault(type_id, []).append((name_id, lang_id, pe[start : start + size]))
    return out


def version_info(data):
    """VS_VERSIONINFO: the fixed file version and {block: {name: value}} of the strings."""

    def align(n):
        return (n + 3) & ~3

    def node(at):
        length, value_length, kind = struct.unpack_from("<HHH", data, at)
        key_end = at + 6
        while data[key_end : key_end + 2] != b"\0\0":
            key_end += 2
        key = data[at + 6 : key_end].decode("utf-16-le")
        value_at = align(key_end + 2)
        # wValueLength counts WCHARs for text (wType 1), bytes otherwise.
        value_size = value_length * 2 if kind == 1 else value_length
        value = data[value_at : value_at + value_size]
        children = []
        child = align(value_at + value_size)
        while child < at + length:
            parsed, child_length = node(child)
            children.append(parsed)
            child = align(child + child_length)
        return (key, kind, value, children), length

    (key, _, fixed, children), _ = node(0)
    if key != "VS_VERSION_INFO":
        raise ValueError(f"unexpected version resource key {key!r}")
    signature, _, ms, ls = struct.unpack_from("<IIII", fixed, 0)
    if signature != 0xFEEF04BD:
        raise ValueError("no VS_FIXEDFILEINFO")
    result = {
        "file_version": f"{ms >> 16}.{ms & 0xFFFF}.{ls >> 16}.{ls & 0xFFFF}",
        "strings": {},
        "translations": [],
    }
    for name, _, value, blocks in children:
        if name == "StringFileInfo":
            for block, _, _, strings in blocks:
                result["strings"][block] = {
                    k: v.decode("utf-16-le").rstrip("\0") for k, _, v, _ in strings
                }
        elif name == "VarFileInfo":
            for _, _, value, _ in blocks:
                pairs = struct.unpack(f"<{len(value) // 2}H", value)
                result["translations"] = [f"{pairs[i]:04x}{pairs[i + 1]:04x}" for i in range(0, len(pairs), 2)]
    return result


def main(path):
    with open(path, "rb") as f:
        pe = f.read()
    found = resources(pe)
    version = found.get(RT_VERSION, [])
    manifest = found.get(RT_MANIFEST, [])
    print(
        json.dumps(
            {
                "types": sorted(found),
                "icons": len(found.get(RT_ICON, [])),
                "icon_groups": len(found.get(RT_GROUP_ICON, [])),
                "version": version_info(version[0][2]) if version else None,
                "manifest_id": manifest[0][0] if manifest else None,
                "manifest": manifest[0][2].decode("utf-8") if manifest else None,
            },
            ensure_ascii=False,
            indent=2,
        )
    )


if __name__ == "__main__":
    main(sys.argv[1])
