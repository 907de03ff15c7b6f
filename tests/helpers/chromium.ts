import fs from 'node:fs';

/** Debian's Chromium (or Ubuntu's, or TRIBUNE_CHROMIUM): tests never download a browser. */
export const CHROMIUM_PATH =
  process.env.TRIBUNE_CHROMIUM ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium'].find((p) => fs.existsSync(p)) ?? '/usr/bin/chromium';

/** No traffic but to 127.0.0.1: without these flags Chromium keeps trying closed hosts. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
