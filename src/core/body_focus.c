#include "body_focus.h"

#include <string.h>

#define R(region) (1u << BODY_REGION_##region)

/* One row a name: the name, the figure's regions it lights, and those in words. A joint
 * (knees, wrists, ankles) lights the two parts that meet there, since the figure draws limbs,
 * not joints; the shoulders light the shoulder girdle (the top of the trunk) and upper arms;
 * the neck lights the head too, since seen from the side the head hides the neck. */
#define BODY_FOCUS_TABLE(X)                                                                        \
    X("neck", R(HEAD) | R(NECK), "the neck and the head it moves")                                 \
    X("shoulders", R(CHEST) | R(UPPER_ARM), "the top of the trunk and the upper arms")             \
    X("upper-back", R(CHEST), "the trunk above the waist")                                         \
    X("chest", R(CHEST), "the trunk above the waist")                                              \
    X("arms", R(UPPER_ARM) | R(FOREARM) | R(HAND), "both arms, shoulder to hand")                  \
    X("wrists", R(FOREARM) | R(HAND), "the forearms and hands")                                    \
    X("hands", R(HAND), "the hands")                                                               \
    X("trunk", R(CHEST) | R(WAIST), "the whole trunk")                                             \
    X("waist", R(WAIST), "the trunk below the chest, down to the hips")                            \
    X("lower-back", R(WAIST), "the trunk below the chest, down to the hips")                       \
    X("hips", R(WAIST) | R(THIGH), "the pelvis and the thighs")                                    \
    X("legs", R(THIGH) | R(SHIN) | R(FOOT), "both legs, hip to toes")                              \
    X("thighs", R(THIGH), "the thighs")                                                            \
    X("knees", R(THIGH) | R(SHIN), "the thighs and lower legs")                                    \
    X("calves", R(SHIN), "the lower legs")                                                         \
    X("ankles", R(SHIN) | R(FOOT), "the lower legs and feet")                                      \
    X("feet", R(FOOT), "the feet")

#define BODY_FOCUS_NAME(name, regions, shows) name,
const char *const body_focus_names[] = {BODY_FOCUS_TABLE(BODY_FOCUS_NAME) NULL};

#define BODY_FOCUS_ROW(name, regions, shows) {regions, shows},
static const struct {
    body_regions regions;
    const char *shows;
} body_focus_table[] = {BODY_FOCUS_TABLE(BODY_FOCUS_ROW)};

enum { BODY_FOCUS_COUNT = sizeof body_focus_table / sizeof body_focus_table[0] };

size_t body_focus_count(void)
{
    return BODY_FOCUS_COUNT;
}

int body_focus_find(const char *name)
{
    for (int i = 0; name && i < BODY_FOCUS_COUNT; i++)
        if (!strcmp(body_focus_names[i], name))
            return i;
    return -1;
}

body_regions body_focus_regions(int index)
{
    return index >= 0 && index < BODY_FOCUS_COUNT ? body_focus_table[index].regions : 0;
}

const char *body_focus_shows(int index)
{
    return index >= 0 && index < BODY_FOCUS_COUNT ? body_focus_table[index].shows : NULL;
}
