// The CLI's progress display for long library work (tern_progress_fn): a bar on a
// terminal, a line per step otherwise; the user argument is ignored.
#pragma once

void cli_progress(void * user, double fraction, const char * what);
