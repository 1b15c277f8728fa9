package org.convkit.io.image;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Binary Netpbm: P5 (gray) and P6 (RGB), maxval 255 or 65535 (big-endian), or P7 (PAM, with alpha). */
final class PnmWriter {
    private PnmWriter() {}

    static void write(DecodedImage img, SampleDepth depth, RangeMode range, boolean pam, OutputStream out) throws IOException {
        int[] order = Interleave.natural(img, pam);
        int colours = img.image().channelCount();
        int max = (int) depth.max();
        String header;
        if (pam) {
            String tuple = (colours == 1 ? "GRAYSCALE" : "RGB") + (order.length > colours ? "_ALPHA" : "");
            header = "P7\nWIDTH " + img.width() + "\nHEIGHT " + img.height() + "\nDEPTH " + order.length
                    + "\nMAXVAL " + max + "\nTUPLTYPE " + tuple + "\nENDHDR\n";
        } else {
            header = (colours == 1 ? "P5" : "P6") + "\n" + img.width() + " " + img.height() + "\n" + max + "\n";
        }
        out.write(header.getBytes(StandardCharsets.US_ASCII));
        if (depth == SampleDepth.U8) {
            out.write(Interleave.bytes(img, order, range));
        } else {
            RawSamples.write(out, Interleave.shorts(img, order, range), ByteOrder.BIG_ENDIAN);
        }
    }
}
