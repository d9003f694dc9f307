import { describe, expect, it } from 'vitest';
import { renderDigitalLink } from '../../src/domain/gs1/digital-link.js';
import { dictionary, failure, pairs, read } from './gs1-helpers.js';

describe('GS1 Digital Link URIs', () => {
  it('reads a GTIN with its key qualifiers in the path, on any domain', () => {
    const data = read('https://id.example.com/01/09506000134352/10/ABC/21/123');
    expect(data.form).toBe('digital-link');
    expect(pairs(data)).toEqual([['01', '09506000134352'], ['10', 'ABC'], ['21', '123']]);
    expect(data).toMatchObject({ gtin: '09506000134352', lot: 'ABC', serial: '123' });
  });

  it('reads query-string attributes, applying decimal points and dates', () => {
    const data = read('https://id.example.com/01/09506000134352?17=261231&3103=001250');
    expect(pairs(data)).toEqual([['01', '09506000134352'], ['17', '261231'], ['3103', '001250']]);
    expect(data).toMatchObject({ expiryDate: '2026-12-31', netWeightKg: 1.25 });
  });

  it.each([
    ['https://id.gs1.org/01/09520123456788', [['01', '09520123456788']]],
    ['https://id.gs1.org/01/09520123456788/22/2A', [['01', '09520123456788'], ['22', '2A']]],
    ['https://id.gs1.org/01/09520123456788/10/ABC1/21/12345?17=180426', [['01', '09520123456788'], ['10', 'ABC1'], ['21', '12345'], ['17', '180426']]],
    ['https://example.com/01/09520123456788?3103=000195&3922=0299&17=201225', [['01', '09520123456788'], ['3103', '000195'], ['3922', '0299'], ['17', '201225']]],
    ['https://id.gs1.org/00/952012345678912345?02=09520123456788&37=25&10=ABC123', [['00', '952012345678912345'], ['02', '09520123456788'], ['37', '25'], ['10', 'ABC123']]],
    ['https://id.gs1.org/414/9520123456788/254/32a%2Fb', [['414', '9520123456788'], ['254', '32a/b']]],
    ['https://example.com/8004/9520614141234567?01=9520123456788', [['8004', '9520614141234567'], ['01', '09520123456788']]],
    ['https://id.gs1.org/01/09520123456788/235/XYZ?10=ABC123', [['01', '09520123456788'], ['235', 'XYZ'], ['10', 'ABC123']]],
  ])('reads the Digital Link standard example %s', (uri, expected) => {
    expect(pairs(read(uri))).toEqual(expected);
  });

  it('skips a path prefix of the owner’s own, stopping at the rightmost primary key', () => {
    expect(pairs(read('https://brand.example.com/some-extra/pathinfo/01/09520123456788'))).toEqual([['01', '09520123456788']]);
    expect(pairs(read('https://a.example/00/faux/00/006141411234567890'))).toEqual([['00', '006141411234567890']]);
  });

  it('pads a GTIN-8, -12 or -13 to the 14 digits of an element string', () => {
    expect(read('https://brand.example.com/01/9520123456788').gtin).toBe('09520123456788');
    expect(read('https://a.example/01/416000336108').gtin).toBe('00416000336108');
    expect(read('https://a.example/01/02345673').gtin).toBe('00000002345673');
  });

  it('percent-decodes values; "+" is a plus in the path and a space in the query', () => {
    expect(pairs(read('https://a.example/01/12312312312333/22/ABC%2d123?99=ABC&98=XYZ%2f987'))).toEqual([
      ['01', '12312312312333'],
      ['22', 'ABC-123'],
      ['99', 'ABC'],
      ['98', 'XYZ/987'],
    ]);
    expect(read('https://a.example/01/12312312312333/22/ABC+123').ais[1]!.raw).toBe('ABC+123');
    expect(failure('https://a.example/01/12312312312333?99=A+B')).toBe('AI (99) at position 41: " " is not in the GS1 character set 82');
  });

  it('ignores other query parameters, empty ones and the fragment', () => {
    expect(pairs(read('https://a.example/01/12312312312333?linkType=all&&99=ABC&singleton#frag'))).toEqual([
      ['01', '12312312312333'],
      ['99', 'ABC'],
    ]);
    expect(read('HTTPS://A.EXAMPLE/01/12312312312333?').gtin).toBe('12312312312333');
  });

  it('accepts a Digital Link behind a plain QR Code symbology identifier', () => {
    expect(read(']Q1https://id.gs1.org/01/09520123456788').symbologyId).toBe(']Q1');
  });

  describe('refuses, naming the AI and the 1-based position', () => {
    it.each([
      ['qualifiers out of order', 'https://a.example/01/09520123456788/21/1/10/A', 'AI (10) at position 42: is not a qualifier of (01) here; its qualifiers, in order: (22), (10), (21) or (235)'],
      ['a qualifier of another key', 'https://a.example/00/952012345678912345/10/A', 'AI (10) at position 41: is not a qualifier of (00) here; its qualifiers, in order: none'],
      ['a key qualifier in the query string', 'https://id.gs1.org/01/09520123456788?10=ABC123', 'AI (10) at position 38: is a key qualifier of (01); put it in the path'],
      ['an AI that is no data attribute', 'https://a.example/01/09520123456788?8200=x', 'AI (8200) at position 37: is not permitted as a Digital Link query attribute'],
      ['an unknown numeric parameter', 'https://a.example/01/12312312312333?99=ABC&999=faux', 'AI (999) at position 44: unknown AI in the query string'],
      ['an empty attribute', 'https://a.example/01/12312312312333?99=', 'AI (99) at position 40: has no value in the query string'],
      ['no primary key', 'https://a.example/10/ABC', 'position 18: no GS1 Digital Link primary key in the path, e.g. /01/{GTIN}'],
      ['a trailing slash', 'https://a.example/01/12312312312333/', 'position 18: no GS1 Digital Link primary key in the path, e.g. /01/{GTIN}'],
      ['no path', 'https://a.example', 'position 18: the URI has no path with GS1 keys'],
      ['no domain', 'https:///01/12312312312333', 'position 9: the URI has no domain'],
      ['a space in the URI', 'https://a.example/01/0952012345678 8', 'position 35: character " " is not allowed in a URI; percent-encode it'],
      ['a wrong check digit', 'https://a.example/01/09520123456789', 'AI (01) at position 35: invalid check digit in 09520123456789: expected 8'],
      ['a bad date attribute', 'https://a.example/01/09520123456788?17=261332', 'AI (17) at position 40: invalid date 261332'],
      ['an encoded NUL', 'https://a.example/01/09520123456788/10/A%00', 'AI (10) at position 41: percent-encoded NUL is not allowed'],
      ['the same AI twice with different data', 'https://a.example/01/09520123456788/10/A?99=X&01=09506000134352', 'AI (01) at position 47: repeated with different data ("09520123456788", then "09506000134352")'],
    ])('%s', (_case, uri, message) => {
      expect(failure(uri)).toBe(message);
    });
  });

  it('renders a Digital Link: key and qualifiers in the path in their order, the rest as attributes', () => {
    const ais = [
      { ai: '01', raw: '09506000134352' },
      { ai: '17', raw: '261231' },
      { ai: '21', raw: 'S/1' },
      { ai: '10', raw: 'ABC' },
    ];
    const uri = renderDigitalLink(dictionary, ais, 'https://id.example.com/');
    expect(uri).toBe('https://id.example.com/01/09506000134352/10/ABC/21/S%2F1?17=261231');
    expect(pairs(read(uri))).toEqual([['01', '09506000134352'], ['10', 'ABC'], ['21', 'S/1'], ['17', '261231']]);
    expect(() => renderDigitalLink(dictionary, [{ ai: '10', raw: 'A' }])).toThrow(/primary key/);
  });
});
