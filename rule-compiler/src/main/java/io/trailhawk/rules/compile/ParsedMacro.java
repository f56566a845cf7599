package io.trailhawk.rules.compile;

import io.trailhawk.rules.load.MacroInfo;
import io.trailhawk.rules.load.PositionedText;
import io.trailhawk.rules.parse.Expr;

/** A macro's condition after list substitution and parsing; {@code ast} is null when it did not parse. */
final class ParsedMacro {
    final MacroInfo info;
    final PositionedText text;
    final Expr ast;

    ParsedMacro(MacroInfo info, PositionedText text, Expr ast) {
        this.info = info;
        this.text = text;
        this.ast = ast;
    }
}
