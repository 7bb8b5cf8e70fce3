package dev.reproject.rebuild.imports;

/** An import that ended other than COMPLETED, or with other counts than the items its files hold. */
public final class ImportFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ImportFailedException(String message) {
        super(message);
    }
}
