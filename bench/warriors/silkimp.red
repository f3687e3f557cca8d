;redcode-94
;name Silk and Spiral
;author drq bench (hand-written)
;strategy Eight processes run a silk-style paper that copies itself 2200 cells on and splits
;strategy into the copy, dropping anti-imp DATs; a 3-point imp spiral of 8 processes beside it.
;assert CORESIZE == 8000
        spl.b   imps, 0
        spl.b   1, 0
        spl.b   1, 0
        spl.b   1, 0
silk    spl.b   @0, >2200
        mov.i   }silk, >silk
        mov.i   bomb, >1237
        mov.i   bomb, }3011
        jmp.b   silk, {silk
bomb    dat.f   <2667, <5334
imps    spl.b   1, 0
        spl.b   1, 0
        spl.b   1, 0
        spl.b   2, 0
vec     jmp.b   @0, imp
        add.ab  #2667, vec
        dat.f   #0, #0
imp     mov.i   #0, 2667
        end     0
