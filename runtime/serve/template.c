// The chat prompt of a request: the one place the server meets chat templates.

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "serve.h"

bool serve_chat_template_known(const char * name, const char ** known) {
    *known = "bitnet";
    return strcmp(name, "bitnet") == 0;
}

// BitNet b1.58 2B4T's format (runtime/text/chat.c):
//   <|begin_of_text|>System: S<|eot_id|>User: U<|eot_id|>Assistant: A<|eot_id|>...Assistant: 
char * serve_chat_prompt(const struct serve * S, const struct serve_msg * msgs, size_t n, char * err, size_t err_size) {
    (void) S;
    static const struct { const char * role, * prefix; } turns[] = {
        { "system", "System: " }, { "user", "User: " }, { "assistant", "Assistant: " },
    };
    struct sbuf b = { 0 };
    sbuf_puts(&b, "<|begin_of_text|>");
    for (size_t i = 0; i < n; i++) {
        for (size_t r = 0; r < sizeof(turns) / sizeof(turns[0]); r++) {
            if (strcmp(msgs[i].role, turns[r].role) != 0) continue;
            sbuf_puts(&b, turns[r].prefix);
            sbuf_puts(&b, msgs[i].content);
            sbuf_puts(&b, "<|eot_id|>");
        }
    }
    sbuf_puts(&b, "Assistant: ");
    if (b.oom) {
        sbuf_free(&b);
        snprintf(err, err_size, "out of memory");
        return NULL;
    }
    return b.p;
}
