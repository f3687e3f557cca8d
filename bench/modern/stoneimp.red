;redcode-94nop
;name Pebble Spiral
;author drq bench (hand-written)
;strategy A mod-5 stone (0.33c) that keeps its nine cells between two of its own bomb lanes,
;strategy bombing one full pass, beside a 3-point imp spiral of 8 processes.
;assert CORESIZE == 8000
step    equ     3315
        spl.b   spiral, 0
        spl.b   1, 0
stone   mov.i   sbomb, @ptr
ptr     add.ab  #step, #step
        djn.b   stone, #1599
sbomb   dat.f   >1, >1
spiral  spl.b   1, 0
        spl.b   1, 0
        spl.b   1, 0
        spl.b   2, 0
arm     jmp.b   @0, imp
        add.ab  #2667, arm
        dat.f   #0, #0
imp     mov.i   #0, 2667
        end     0
