// BitNet b1.58 2B4T's chat format:
//   <|begin_of_text|>System: S<|eot_id|>User: U<|eot_id|>Assistant: A<|eot_id|>User: ...

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tern/chat.h"

char * tern_chat_turn_bitnet(const char * system, const char * user, bool first) {
    const bool with_system = first && system && *system;
    const size_t n = strlen(user) + (with_system ? strlen(system) : 0) + 96;
    char * out = malloc(n);
    if (!out) return NULL;
    snprintf(out, n, "%s%s%s%sUser: %s<|eot_id|>Assistant: ", first ? "<|begin_of_text|>" : "",
             with_system ? "System: " : "", with_system ? system : "", with_system ? "<|eot_id|>" : "", user);
    return out;
}
