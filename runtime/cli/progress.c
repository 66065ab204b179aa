// The CLI's progress display (see progress.h).

#include <stdio.h>
#include <unistd.h>

#include "progress.h"

void cli_progress(void * user, double fraction, const char * what) {
    (void) user;
    const int width = 30, filled = (int) (fraction * width + 0.5);
    if (isatty(STDERR_FILENO)) {
        fprintf(stderr, "\r[%.*s%.*s] %3.0f%% %-60.60s", filled, "##############################", width - filled,
                "..............................", fraction * 100.0, what);
        if (fraction >= 1.0) fprintf(stderr, "\r\033[K");
    } else if (fraction < 1.0) {
        static const char * last;
        if (what != last) fprintf(stderr, "tern: %3.0f%% %s\n", fraction * 100.0, what);
        last = what;
    }
}
