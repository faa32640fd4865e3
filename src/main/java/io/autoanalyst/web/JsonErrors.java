package io.autoanalyst.web;

import java.util.stream.Collectors;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

/** Turns a JSON reading failure into a sentence naming the field, the expected type and the place. */
final class JsonErrors {

    private JsonErrors() {
    }

    static String describe(HttpMessageNotReadableException ex) {
        Throwable cause = ex.getCause();
        if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String field = path(mismatch);
            String expected = mismatch.getTargetType() == null ? "another type" : describeType(mismatch.getTargetType());
            String got = mismatch instanceof InvalidFormatException invalid ? " (got '" + invalid.getValue() + "')" : "";
            return "Field '" + field + "' must be " + expected + got;
        }
        if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
            return "Field '" + path(databind) + "' is invalid: " + databind.getOriginalMessage();
        }
        if (cause instanceof StreamReadException read) {
            TokenStreamLocation at = read.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            return "Malformed JSON" + where + ": " + read.getOriginalMessage();
        }
        if (cause instanceof JacksonException jackson) {
            return "Invalid JSON body: " + jackson.getOriginalMessage();
        }
        String message = ex.getMessage() == null ? "" : ex.getMessage();
        if (message.startsWith("Required request body is missing")) {
            return "A JSON request body is required";
        }
        return "The request body could not be read as JSON";
    }

    private static String path(DatabindException e) {
        return e.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    static String describeType(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) return "an integer";
        if (type == Double.class || type == double.class || type == Float.class || type == float.class) return "a number";
        if (type == Boolean.class || type == boolean.class) return "true or false";
        if (type == String.class) return "a string";
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) return "a list";
        if (type.isEnum()) return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        return "an object";
    }

    static String snakeCase(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }
}
