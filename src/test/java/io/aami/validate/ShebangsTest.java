package io.aami.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShebangsTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "#!/bin/bash | bash",
        "#!/usr/bin/env bash | bash",
        "#!/bin/sh | sh",
        "#! /bin/sh -e | sh",
        "#!/usr/bin/env python3 | python3",
        "#!/usr/bin/python3 | python3",
        "#!/usr/bin/env -S LC_ALL=C bash -eu | bash",
        "#!/usr/bin/env -u HOME python3 | python3",
        "#!python3 | python3",
        "#!/usr/bin/env | -",
        "#! | -",
      })
  void findsTheInterpreter(String shebang, String interpreter) {
    assertEquals(Optional.ofNullable(interpreter), Shebangs.interpreter(shebang));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "'#!/bin/sh\necho' | #!/bin/sh",
        "'#!/bin/sh\r\necho' | #!/bin/sh",
        "'\uFEFF#!/bin/bash\n' | #!/bin/bash",
        "'#!/bin/bash' | #!/bin/bash",
        "'echo ok\n#!/bin/bash\n' | -",
        "' #!/bin/bash\n' | -",
      })
  void readsOnlyAShebangOnTheFirstLine(String content, String line) {
    assertEquals(Optional.ofNullable(line), Shebangs.shebangLine(content));
  }
}
