;redcode-94nop
;name Silk Hammer
;author drq bench (hand-written)
;strategy A silk-style paper whose every copy also bombs: a SPL stun at one mod-4 step and a
;strategy DAT a little behind it; beside it a mod-4 dwarf of its own for the first thousand cycles.
;assert CORESIZE == 8000
        spl.b   dwarf, 0
        spl.b   1, 0
        spl.b   1, 0
        spl.b   1, 0
silk    spl.b   @0, >1901
        mov.i   }silk, >silk
        mov.i   stun, >3364
        mov.i   kill, }2732
        jmp.b   silk, {silk
stun    spl.b   #0, <1
kill    dat.f   >2667, >5334
dwarf   add.ab  #3044, target
        mov.i   kill, @target
target  djn.b   dwarf, #300
        end     0
