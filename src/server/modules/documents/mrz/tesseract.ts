import { createRequire } from 'node:module';
import { createWorker, OEM, PSM } from 'tesseract.js';
import type { OcrSymbol } from './cells.js';
import type { RecognizeZone } from './read-mrz.js';

const require = createRequire(import.meta.url);
/** Trained data shipped in an npm package: nothing is downloaded at run time. */
const { langPath } = require('@tesseract.js-data/eng') as { langPath: string };

/**
 * Tesseract's legacy engine keeps the '<' filler and the line structure that the LSTM model
 * loses. Adaptive learning is off, so one file never changes how the next is read.
 */
export async function createMrzRecognizer(): Promise<{
  recognize: RecognizeZone;
  terminate: () => Promise<void>;
}> {
  const [legacy, lstm] = await Promise.all([createEngine(OEM.TESSERACT_ONLY), createEngine(OEM.LSTM_ONLY)]);
  return {
    recognize: async (png, engine) => {
      const { data } = await (engine === 'lstm' ? lstm : legacy).recognize(
        png,
        {},
        { text: true, blocks: true },
      );
      const symbols: OcrSymbol[] = [];
      for (const block of data.blocks ?? [])
        for (const paragraph of block.paragraphs)
          for (const line of paragraph.lines)
            for (const word of line.words)
              for (const symbol of word.symbols)
                symbols.push({ char: symbol.text, confidence: symbol.confidence, ...symbol.bbox });
      return { text: data.text.split('\n'), symbols };
    },
    terminate: async () => {
      await Promise.all([legacy.terminate(), lstm.terminate()]);
    },
  };
}

/** The LSTM model reads letters better (M/H, W/N, G/6): it gives the second opinion on each value. */
async function createEngine(oem: OEM) {
  const worker = await createWorker(
    'eng',
    oem,
    {
      langPath,
      gzip: true,
      cacheMethod: 'none',
      legacyCore: true,
      legacyLang: true,
    },
    {
      classify_enable_learning: '0',
      classify_enable_adaptive_matcher: '1',
      load_system_dawg: '0',
      load_freq_dawg: '0',
    } as never,
  );
  await worker.setParameters({
    tessedit_char_whitelist: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<',
    tessedit_pageseg_mode: PSM.SINGLE_BLOCK,
    user_defined_dpi: '300',
  });
  return worker;
}
