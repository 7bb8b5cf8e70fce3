package dev.reproject.orderhistory.cli;

import dev.reproject.orderhistory.query.PageTokenKey;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Where {@code query orders} and {@code serve} take the page tokens' HMAC key ({@code @Mixin}; CONTRACT.md §4.7):
 * {@code --page-token-key-file FILE} (or {@code REPROJECT_PAGE_TOKEN_KEY_FILE}), else the key itself in
 * {@code REPROJECT_PAGE_TOKEN_KEY}, else the public sandbox default ({@link PageTokenKey#SANDBOX}). The key itself
 * is never an option on the command line, where other users could read it: the hidden {@code --page-token-key}
 * exists only so that the variable reaches the command through the usual environment defaults.
 */
public final class PageTokenKeyOptions {

    static final String KEY_VARIABLE = "REPROJECT_PAGE_TOKEN_KEY";

    @Option(names = "--page-token-key-file", paramLabel = "FILE", description = {"File holding the page tokens' "
            + "HMAC key (at least 32 characters; surrounding white space ignored); else the key itself from "
            + KEY_VARIABLE + ", else the public sandbox key. serve and query accept each other's tokens with the "
            + "same key."})
    Path file;

    /** Only from {@value #KEY_VARIABLE}: see the class comment. */
    @Option(names = "--page-token-key", hidden = true)
    String key;

    /**
     * The key to use.
     *
     * @throws IllegalArgumentException (exit 2) when the key is given on the command line, both sources are set, the
     *                                  file cannot be read, or the key is too short
     */
    PageTokenKey resolve(CommandSpec spec) {
        if (spec.commandLine().getParseResult().hasMatchedOption("--page-token-key")) {
            throw new IllegalArgumentException("the page-token key is never given on the command line, where other "
                    + "users can read it: put it in a file for --page-token-key-file, or in " + KEY_VARIABLE);
        }
        boolean hasKey = key != null && !key.isBlank();
        if (file != null && hasKey) {
            throw new IllegalArgumentException("both --page-token-key-file (or REPROJECT_PAGE_TOKEN_KEY_FILE) and "
                    + KEY_VARIABLE + " are set: give the page-token key one way");
        }
        if (file != null) {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException("cannot read --page-token-key-file " + file + ": no such file", e);
            } catch (AccessDeniedException e) {
                throw new IllegalArgumentException("cannot read --page-token-key-file " + file + ": permission "
                        + "denied", e);
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("cannot read --page-token-key-file " + file + ": "
                        + e.getMessage(), e);
            }
            return PageTokenKey.of("--page-token-key-file " + file, text);
        }
        if (hasKey) {
            return PageTokenKey.of(KEY_VARIABLE, key);
        }
        return PageTokenKey.SANDBOX;
    }
}
