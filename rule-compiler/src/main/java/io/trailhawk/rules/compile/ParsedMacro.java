package io.trailhawk.rules.compile;

import io.trailhawk.rules.load.MacroInfo;
import io.trailhawk.rules.load.PositionedText;
import io.trailhawk.rules.parse.Expr;
import java.util.Optional;

/** A macro's condition after list substitution and parsing; {@code ast} is empty when it did not parse. */
final class ParsedMacro {
    final MacroInfo info;
    final PositionedText text;
    final Optional<Expr> ast;

    ParsedMacro(MacroInfo info, PositionedText text, Optional<Expr> ast) {
        this.info = info;
        this.text = text;
        this.ast = ast;
    }
}
