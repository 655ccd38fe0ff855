import { createRequire } from 'node:module';
import pdfMake from 'pdfmake';

const require = createRequire(import.meta.url);

/**
 * The Roboto faces shipped inside the pdfmake package: no font files of our
 * own, and unlike the 14 standard PDF fonts they cover Latin Extended, Greek
 * and Cyrillic, so traders' names print as typed.
 */
const ROBOTO = {
  normal: require.resolve('pdfmake/fonts/Roboto/Roboto-Regular.ttf'),
  bold: require.resolve('pdfmake/fonts/Roboto/Roboto-Medium.ttf'),
  italics: require.resolve('pdfmake/fonts/Roboto/Roboto-Italic.ttf'),
  bolditalics: require.resolve('pdfmake/fonts/Roboto/Roboto-MediumItalic.ttf'),
};

const FONT_FILES = new Set(Object.values(ROBOTO));

let configured = false;

/**
 * pdfmake is a process-wide singleton. Documents are built only from our own
 * definitions, so it may read the font files and nothing else: no local file
 * and no URL named by (possibly user-supplied) content is ever fetched.
 */
export function configuredPdfMake(): typeof pdfMake {
  if (!configured) {
    pdfMake.setFonts({ Roboto: ROBOTO });
    pdfMake.setUrlAccessPolicy(() => false);
    pdfMake.setLocalAccessPolicy((path) => FONT_FILES.has(path));
    configured = true;
  }
  return pdfMake;
}
