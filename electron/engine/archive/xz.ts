/**
 * The total uncompressed size an .xz file declares in its index (read from the stream footer backwards), so a bomb
 * is refused before it is decompressed. Null when the footer or index cannot be parsed (then the file is refused).
 * Format: https://tukaani.org/xz/xz-file-format.txt §2.1.2.2 (footer) and §4 (index).
 */
export function xzUncompressedSize(buf: Buffer): number | null {
  let end = buf.length;
  let total = 0;
  // Several streams may be concatenated, each followed by optional zero padding.
  while (end > 0) {
    while (end >= 4 && buf.readUInt32LE(end - 4) === 0) end -= 4;
    if (end === 0) break;
    if (end < 24) return null;
    const footer = end - 12;
    if (buf[footer + 10] !== 0x59 || buf[footer + 11] !== 0x5a) return null; // "YZ"
    const indexSize = (buf.readUInt32LE(footer + 4) + 1) * 4;
    const indexStart = footer - indexSize;
    if (indexStart < 12 || buf[indexStart] !== 0x00) return null;
    let pos = indexStart + 1;
    const varint = (): number | null => {
      let value = 0;
      for (let i = 0; i < 9; i += 1) {
        if (pos >= footer) return null;
        const byte = buf[pos++]!;
        value += (byte & 0x7f) * 2 ** (7 * i);
        if ((byte & 0x80) === 0) return value;
      }
      return null;
    };
    const records = varint();
    if (records === null) return null;
    let unpaddedTotal = 0;
    for (let r = 0; r < records; r += 1) {
      const unpadded = varint();
      const size = varint();
      if (unpadded === null || size === null) return null;
      unpaddedTotal += Math.ceil(unpadded / 4) * 4;
      total += size;
    }
    const streamStart = indexStart - unpaddedTotal - 12;
    if (streamStart < 0 || buf[streamStart] !== 0xfd || buf.toString('latin1', streamStart + 1, streamStart + 6) !== '7zXZ\u0000') return null;
    end = streamStart;
  }
  return total;
}
