// The chat prompt of a request: the one place the server meets chat templates. The format is
// the model's (tern/chat.h: detected from the file, or --chat-template), the same rendering
// `tern chat` uses.

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "serve.h"
#include "tern/chat.h"

char * serve_chat_prompt(const struct serve * S, const struct serve_msg * msgs, size_t n, char * err, size_t err_size) {
    struct tern_chat_message * m = calloc(n ? n : 1, sizeof(*m));
    char * text = NULL;
    if (m) {
        for (size_t i = 0; i < n; i++) {
            m[i].role = msgs[i].role;         // the parser made "developer" "system"
            m[i].content = msgs[i].content;
        }
        text = tern_chat_render(S->model->chat, m, n, true);
        free(m);
    }
    if (!text) snprintf(err, err_size, "out of memory");
    return text;
}
