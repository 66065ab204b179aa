# tern serve (runtime/serve/): the server library, its chat page and its fuzz target.
# Included after the tern and tern-cli targets; TERN_SERVE (option, on by default) requires
# libmicrohttpd with the other dependencies.
if(NOT TERN_SERVE)
    return()
endif()
set(TERN_SERVE_DIR ${CMAKE_CURRENT_SOURCE_DIR}/runtime/serve)
# The chat page, compiled in as a C array.
add_custom_command(
    OUTPUT ${CMAKE_CURRENT_BINARY_DIR}/serve-page.c
    COMMAND ${CMAKE_COMMAND} -DIN=${TERN_SERVE_DIR}/page.html -DOUT=${CMAKE_CURRENT_BINARY_DIR}/serve-page.c
            -DNAME=serve_page_html -P ${CMAKE_CURRENT_SOURCE_DIR}/cmake/embed.cmake
    DEPENDS ${TERN_SERVE_DIR}/page.html ${CMAKE_CURRENT_SOURCE_DIR}/cmake/embed.cmake
    COMMENT "Embedding the chat page")
file(GLOB TERN_SERVE_SOURCES CONFIGURE_DEPENDS ${TERN_SERVE_DIR}/*.c)
add_library(tern-serve STATIC ${TERN_SERVE_SOURCES} ${CMAKE_CURRENT_BINARY_DIR}/serve-page.c)
target_link_libraries(tern-serve PUBLIC tern-internal PkgConfig::MHD)
target_compile_definitions(tern-serve PRIVATE TERN_VERSION="${PROJECT_VERSION}")
target_link_libraries(tern-cli PRIVATE tern-serve)
target_compile_definitions(tern-cli PRIVATE TERN_HAVE_SERVE=1)
if(TERN_FUZZ)
    add_executable(fuzz_request tests/fuzz/fuzz_request.c)
    target_link_libraries(fuzz_request PRIVATE tern-serve)
    target_include_directories(fuzz_request PRIVATE ${TERN_SERVE_DIR})
    target_link_options(fuzz_request PRIVATE -fsanitize=fuzzer)
endif()
