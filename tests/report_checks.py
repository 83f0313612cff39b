#!/usr/bin/python3
"""tests/report_checks.py — checks of `entente report` files that need more than the shell:

  png FILE MIN_COLOURS MIN_INK     a PNG (8-bit RGB or RGBA, decoded here with zlib) has at
                                   least MIN_COLOURS distinct colours and a share of at
                                   least MIN_INK of pixels that are not white/transparent
  tables SCHEMA FILE...            each TABLE.json validates against the schema, and each
                                   row has exactly the columns with their declared types
  manifest SCHEMA FILE             manifest.json validates against its schema
  markdown FILE                    every pipe table row has the header's column count
                                   (an escaped \\| is no separator)
  dom FILE NAME...                 a page dumped by chromium --dump-dom has a figure
                                   chart-NAME holding an <svg> for each NAME, and no other

Prints one line per failure; exit status 1 if any.
"""
import json
import re
import struct
import sys
import zlib


def fail(msg):
    print(msg)
    return 1


def png_pixels(path):
    data = open(path, 'rb').read()
    if data[:8] != b'\x89PNG\r\n\x1a\n':
        raise ValueError('not a PNG')
    pos, idat, width = 8, b'', None
    while pos < len(data):
        n, kind = struct.unpack('>I4s', data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b'IHDR':
            width, height, depth, ctype, _, _, interlace = struct.unpack('>IIBBBBB', body)
            if depth != 8 or ctype not in (2, 6) or interlace:
                raise ValueError('unsupported PNG (depth %d, colour type %d)' % (depth, ctype))
            bpp = 3 if ctype == 2 else 4
        elif kind == b'IDAT':
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = width * bpp
    prev = bytearray(stride)
    rows = []
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pred) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, bpp, rows


def check_png(path, min_colours, min_ink):
    w, h, bpp, rows = png_pixels(path)
    colours, ink = set(), 0
    for row in rows:
        for x in range(0, len(row), bpp * 2):  # every other pixel is enough
            px = row[x:x + bpp]
            colours.add(px)
            transparent = bpp == 4 and px[3] == 0
            if not transparent and min(px[:3]) < 235:
                ink += 1
    total = max(1, h * ((w + 1) // 2))
    bad = 0
    if len(colours) < min_colours:
        bad += fail('%s: %d colours, expected at least %d (blank?)' % (path, len(colours), min_colours))
    if ink / total < min_ink:
        bad += fail('%s: %.4f of pixels drawn, expected at least %g (blank?)' % (path, ink / total, min_ink))
    return bad


TYPES = {'string': str, 'number': (int, float), 'integer': int, 'boolean': bool}


def check_tables(schema_path, files):
    import jsonschema
    schema = json.load(open(schema_path))
    bad = 0
    for f in files:
        doc = json.load(open(f))
        try:
            jsonschema.validate(doc, schema)
        except jsonschema.ValidationError as e:
            bad += fail('%s: %s' % (f, e.message))
            continue
        names = [c['name'] for c in doc['columns']]
        for i, row in enumerate(doc['rows']):
            if list(row.keys()) != names:
                bad += fail('%s: row %d has columns %s, expected %s' % (f, i + 1, list(row), names))
                break
            for c in doc['columns']:
                v = row[c['name']]
                t = TYPES[c['type']]
                ok = v is None or (isinstance(v, t) and not (c['type'] != 'boolean' and isinstance(v, bool)))
                if not ok:
                    bad += fail('%s: row %d column %s: %r is not %s' % (f, i + 1, c['name'], v, c['type']))
    return bad


def check_manifest(schema_path, f):
    import jsonschema
    try:
        jsonschema.validate(json.load(open(f)), json.load(open(schema_path)))
    except jsonschema.ValidationError as e:
        return fail('%s: %s' % (f, e.message))
    return 0


def md_cells(line):
    return len(re.split(r'(?<!\\)\|', line.strip())) - 2


def check_markdown(f):
    bad, header = 0, None
    for n, line in enumerate(open(f, encoding='utf-8'), 1):
        if line.startswith('|'):
            if header is None:
                header = md_cells(line)
            elif md_cells(line) != header:
                bad += fail('%s:%d: %d cells, the header has %d' % (f, n, md_cells(line), header))
            if not line.rstrip('\n').endswith('|') or line.rstrip('\n').endswith('\\|'):
                bad += fail('%s:%d: a table row must end with an unescaped |' % (f, n))
        else:
            header = None
    return bad


def check_dom(f, names):
    dom = open(f, encoding='utf-8').read()
    bad = 0
    figures = re.findall(r'<figure id="chart-([^"]+)">\s*<svg', dom)
    for n in names:
        if n not in figures:
            bad += fail('%s: chart %s is missing from the page' % (f, n))
    for n in figures:
        if n not in names:
            bad += fail('%s: chart %s on the page has no SVG file' % (f, n))
    if dom.count('<svg') != len(names):
        bad += fail('%s: %d <svg> elements, expected %d' % (f, dom.count('<svg'), len(names)))
    return bad


def main(argv):
    what = argv[1]
    if what == 'png':
        return check_png(argv[2], int(argv[3]), float(argv[4]))
    if what == 'tables':
        return check_tables(argv[2], argv[3:])
    if what == 'manifest':
        return check_manifest(argv[2], argv[3])
    if what == 'markdown':
        return check_markdown(argv[2])
    if what == 'dom':
        return check_dom(argv[2], argv[3:])
    return fail('unknown check ' + what)


if __name__ == '__main__':
    sys.exit(1 if main(sys.argv) else 0)
