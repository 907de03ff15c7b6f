/**
 * Just enough of an EXIF reader for tests: which tags IFD0 carries and whether a GPS IFD
 * (tag 0x8825) with a latitude is there. sharp's metadata().exif is "Exif\0\0" + a TIFF block.
 */
export interface ExifSummary {
  ifd0: number[];
  gps: number[];
  make: string | null;
}

export function readExif(exif: Buffer | undefined): ExifSummary | null {
  if (!exif || exif.length < 14) return null;
  const tiff = exif.subarray(exif.subarray(0, 6).toString('latin1') === 'Exif\0\0' ? 6 : 0);
  const little = tiff.subarray(0, 2).toString('latin1') === 'II';
  const u16 = (o: number) => (little ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o));
  const u32 = (o: number) => (little ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o));
  const entries = (offset: number) => {
    const count = u16(offset);
    return Array.from({ length: count }, (_, i) => {
      const at = offset + 2 + i * 12;
      return { tag: u16(at), type: u16(at + 2), count: u32(at + 4), value: u32(at + 8), at };
    });
  };
  const ifd0 = entries(u32(4));
  const gpsPointer = ifd0.find((e) => e.tag === 0x8825);
  const make = ifd0.find((e) => e.tag === 0x010f);
  const makeText = make ? tiff.subarray(make.count > 4 ? make.value : make.at + 8, (make.count > 4 ? make.value : make.at + 8) + make.count - 1).toString('latin1') : null;
  return { ifd0: ifd0.map((e) => e.tag), gps: gpsPointer ? entries(gpsPointer.value).map((e) => e.tag) : [], make: makeText };
}

/** GPS tags: 1 latitude ref, 2 latitude, 3 longitude ref, 4 longitude. */
export const GPS_LATITUDE = 2;
