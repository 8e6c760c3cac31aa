package io.ecomlog.publicdata;

import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.file.Path;

/** The demo data folder (surefire runs in the module folder) and readers over inline text. */
final class TestData {

    private TestData() {
    }

    static Path dir() {
        return PublicData.findDataDir();
    }

    static BufferedReader lines(String... lines) {
        return new BufferedReader(new StringReader(String.join("\n", lines)));
    }
}
