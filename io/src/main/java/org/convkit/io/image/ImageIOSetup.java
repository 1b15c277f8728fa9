package org.convkit.io.image;

import javax.imageio.ImageIO;

/**
 * ImageIO, set up on first use only: its plugin registry (JDK and TwelveMonkeys, some twenty
 * plugins) costs tens of milliseconds to start, which PNG, PFM and .npy files never need.
 */
final class ImageIOSetup {
    private ImageIOSetup() {}

    private static final class Holder {
        static {
            ImageIO.setUseCache(false); // decode and encode in memory, never through temporary files
        }

        static void touch() {}
    }

    static void ready() { Holder.touch(); }
}
