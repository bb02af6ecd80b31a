package io.github.frappemessenger.examples;

/** The options of {@code demo}: {@code --input FILE|-} (default: the built-in scenario) and {@code --inbox}. */
record DemoOptions(String input, boolean inbox) {

    static DemoOptions parse(String[] args) {
        String input = null;
        boolean inbox = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--input" -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("--input needs a file name or -");
                    }
                    input = args[++i];
                }
                case "--inbox" -> inbox = true;
                default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
            }
        }
        return new DemoOptions(input, inbox);
    }
}
