;redcode-94
;name Dwarf
;author drq
;strategy Bomber: drops a DAT every fourth cell, stepping through the whole core.
;assert CORESIZE % 4 == 0
step    equ     4
        add.ab  #step, bomb
        mov.i   bomb, @bomb
        jmp.b   -2
bomb    dat.f   #0, #0
        end     0
