// bitnet.cpp's on-disk I2_S codec: round trips byte for byte on random tensors of ragged
// sizes, rejects bad payloads, and decodes the I2_S tensors of a file bitnet.cpp wrote
// (shared/fixtures/bitnetcpp-tiny) to the scales and zero fractions its meta.json records,
// then re-encodes them to the same packed bytes.

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "check.h"
#include "check_file.h"
#include "tern/i2s_disk.h"

static void test_round_trip(void) {
    uint64_t seed = 5;
    const size_t sizes[] = { 1, 31, 32, 127, 128, 129, 256 * 7 + 5, 2560 * 4 };
    for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
        const size_t n = sizes[i], bytes = tern_i2s_disk_bytes(n);
        CHECK(bytes == (n + 127) / 128 * 32 + 32, "size of %zu values", n);
        int8_t * w = malloc(n), * back = malloc(n);
        uint8_t * disk = malloc(bytes), * disk2 = malloc(bytes);
        for (size_t j = 0; j < n; j++) w[j] = rng_ternary(&seed);
        tern_i2s_disk_encode(w, n, 0.25f, disk);
        float scale = 0;
        char err[128];
        CHECK(tern_i2s_disk_decode(disk, bytes, n, back, &scale, err, sizeof(err)) == 0, "decode: %s", err);
        CHECK(memcmp(w, back, n) == 0 && scale == 0.25f, "round trip of %zu values", n);
        tern_i2s_disk_encode(back, n, scale, disk2);
        CHECK(memcmp(disk, disk2, bytes) == 0, "re-encode of %zu values differs", n);
        if (n >= 128) {
            // The documented position of value 97: byte 1, bits 1:0 (block 0, group 3).
            CHECK(((disk[1] & 3) - 1) == w[97], "value 97 not at byte 1 bits 1:0");
        }
        CHECK(tern_i2s_disk_decode(disk, bytes - 1, n, back, &scale, err, sizeof(err)) != 0 && strstr(err, "payload"),
              "short payload accepted");
        disk[0] |= 0xc0;   // code 3 in value 0
        CHECK(tern_i2s_disk_decode(disk, bytes, n, back, &scale, err, sizeof(err)) != 0 && strstr(err, "code 3"),
              "code 3 accepted");
        free(w);
        free(back);
        free(disk);
        free(disk2);
    }
}


static void test_fixture(const char * dir) {
    char path[1024];
    size_t meta_size, gguf_size;
    snprintf(path, sizeof(path), "%s/meta.json", dir);
    char * meta_text = check_read_file(path, &meta_size);
    snprintf(path, sizeof(path), "%s/model.gguf", dir);
    uint8_t * gguf = (uint8_t *) check_read_file(path, &gguf_size);
    if (!meta_text || !gguf) {
        printf("SKIP fixture: %s not found (shared/fixtures is expected beside the checkout)\n", dir);
        free(meta_text);
        free(gguf);
        return;
    }
    cJSON * meta = cJSON_Parse(meta_text);
    const cJSON * tensors = cJSON_GetObjectItem(meta, "tensors");
    CHECK(cJSON_IsArray(tensors), "meta.json has no tensors array");

    // The data section ends the file, so its start is the size minus the end of the last tensor.
    size_t data_end = 0;
    const cJSON * t;
    cJSON_ArrayForEach(t, tensors) {
        const size_t end = (size_t) cJSON_GetObjectItem(t, "offset")->valuedouble +
                           (size_t) cJSON_GetObjectItem(t, "nbytes")->valuedouble;
        data_end = end > data_end ? end : data_end;
    }
    const size_t data_start = gguf_size - data_end;
    CHECK(data_start % 32 == 0, "data section start %zu is not 32-aligned", data_start);

    int checked = 0;
    cJSON_ArrayForEach(t, tensors) {
        if (strcmp(cJSON_GetObjectItem(t, "type")->valuestring, "I2_S") != 0) continue;
        const cJSON * ne = cJSON_GetObjectItem(t, "ne");
        const size_t n = (size_t) (cJSON_GetArrayItem(ne, 0)->valuedouble * cJSON_GetArrayItem(ne, 1)->valuedouble);
        const size_t nbytes = (size_t) cJSON_GetObjectItem(t, "nbytes")->valuedouble;
        const uint8_t * src = gguf + data_start + (size_t) cJSON_GetObjectItem(t, "offset")->valuedouble;
        const char * name = cJSON_GetObjectItem(t, "name")->valuestring;
        CHECK(nbytes == tern_i2s_disk_bytes(n), "%s: %zu bytes on disk, layout says %zu", name, nbytes,
              tern_i2s_disk_bytes(n));
        int8_t * w = malloc(n);
        uint8_t * again = malloc(nbytes);
        float scale;
        char err[128];
        CHECK(tern_i2s_disk_decode(src, nbytes, n, w, &scale, err, sizeof(err)) == 0, "%s: %s", name, err);
        size_t zeros = 0;
        for (size_t i = 0; i < n; i++) zeros += w[i] == 0;
        const double want_scale = cJSON_GetObjectItem(t, "scale")->valuedouble;
        const double want_zero = cJSON_GetObjectItem(t, "frac_zero")->valuedouble;
        CHECK(scale == (float) want_scale, "%s: scale %.9g, meta.json says %.9g", name, scale, want_scale);
        CHECK(fabs((double) zeros / (double) n - want_zero) < 1e-4, "%s: zero fraction %.4f, meta.json says %.4f",
              name, (double) zeros / (double) n, want_zero);
        tern_i2s_disk_encode(w, n, scale, again);
        // Byte for byte up to and including the scale; the tail's other 28 bytes are garbage on disk.
        CHECK(memcmp(src, again, nbytes - 28) == 0, "%s: re-encoded bytes differ", name);
        free(w);
        free(again);
        checked++;
    }
    CHECK(checked == 14, "expected 14 I2_S tensors in the fixture, found %d", checked);
    cJSON_Delete(meta);
    free(meta_text);
    free(gguf);
}

int main(int argc, char ** argv) {
    test_round_trip();
    if (argc > 1) {
        test_fixture(argv[1]);
    }
    return check_summary("test_i2s_disk");
}
