// Chat templates built into tern (the 2B4T file ships a wrong one, DESIGN §5).
#pragma once

#include <stdbool.h>
#include <stddef.h>

// Appends one user turn to a growing prompt: on the first turn "<|begin_of_text|>"
// (+ "System: S<|eot_id|>" when system is non-empty), then "User: U<|eot_id|>Assistant: ".
// Returns a malloc'd string or NULL when out of memory.
char * tern_chat_turn_bitnet(const char * system, const char * user, bool first);
