// The loader's kernel plan per shape: tern_plan_choose in tern/tune.h (runtime/tune/plan.c).
#pragma once

#include "tern/tune.h"
