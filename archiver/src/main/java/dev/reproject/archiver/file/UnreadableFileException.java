package dev.reproject.archiver.file;

import java.io.IOException;

/** An archive file that was read but cannot be decoded: a corrupt or truncated gzip stream. */
public final class UnreadableFileException extends IOException {

    public UnreadableFileException(String path, IOException cause) {
        super("cannot decompress " + path + ": " + cause.getMessage(), cause);
    }
}
