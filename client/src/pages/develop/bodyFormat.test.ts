import { describe, expect, it } from 'vitest';
import { formatBody, prettyXml } from './bodyFormat';

describe('formatBody', () => {
  it('indents XML one element per line, keeping CDATA text inline and readable', () => {
    const xml =
      '<xml><ToUserName><![CDATA[gh_1]]></ToUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType>' +
      '<Content><![CDATA[你好 <b>世界</b>]]></Content><Items><Item><Id>1</Id></Item><Empty/></Items></xml>';
    expect(formatBody(xml)).toBe(
      [
        '<xml>',
        '  <ToUserName><![CDATA[gh_1]]></ToUserName>',
        '  <CreateTime>1700000000</CreateTime>',
        '  <MsgType><![CDATA[text]]></MsgType>',
        '  <Content><![CDATA[你好 <b>世界</b>]]></Content>',
        '  <Items>',
        '    <Item>',
        '      <Id>1</Id>',
        '    </Item>',
        '    <Empty/>',
        '  </Items>',
        '</xml>',
      ].join('\n'),
    );
  });

  it('re-indents XML that already has line breaks', () => {
    expect(formatBody('<xml>\n <A>1</A>\n\n   <B><![CDATA[x]]></B>\n</xml>')).toBe('<xml>\n  <A>1</A>\n  <B><![CDATA[x]]></B>\n</xml>');
  });

  it('indents JSON', () => {
    expect(formatBody('{"InfoType":"authorized","AuthorizerAppid":"wx1"}')).toBe('{\n  "InfoType": "authorized",\n  "AuthorizerAppid": "wx1"\n}');
  });

  it('leaves what it cannot read as stored: broken XML or JSON, base64 bytes, plain text', () => {
    expect(formatBody('<xml><A>1</xml>')).toBe('<xml><A>1</xml>');
    expect(prettyXml('<a></b>')).toBeNull();
    expect(formatBody('{"a":')).toBe('{"a":');
    expect(formatBody('PHhtbD4=', ['base64'])).toBe('PHhtbD4=');
    expect(formatBody('hello')).toBe('hello');
  });
});
